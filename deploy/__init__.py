"""Deployment recipes: several Streamlit replicas behind nginx (see ``deploy/README.md``)."""

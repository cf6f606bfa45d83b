# Imbalance Lab in a container: one Streamlit process on port 8501.
#
# UNTESTED: docker was not available where this file was written; it has never
# been built. What is tested is the same app under `make run` and the
# replicas-behind-nginx recipe in deploy/ (tests/browser/test_deploy.py). For more
# users, run several containers behind a load balancer WITH SESSION AFFINITY;
# see deploy/README.md ("Containers").
#
#   docker build -t imbalance-lab .
#   docker run --rm -p 8501:8501 imbalance-lab     # http://localhost:8501

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The pinned runtime requirements only (no pytest, ruff, playwright), in their
# own layer so that a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# What `streamlit run app.py` reads: the entry script, the router/sidebar,
# the pages, the library (with its locales), the icon and the Streamlit config.
COPY .streamlit/ .streamlit/
COPY app.py ui.py ./
COPY assets/ assets/
COPY lib/ lib/
COPY views/ views/

# No reason to run as root.
RUN useradd --create-home --uid 10001 lab
USER lab

EXPOSE 8501

# python:3.11-slim has no curl; Python itself asks Streamlit's health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4); sys.exit(0 if r.read().strip() == b'ok' else 1)"]

CMD ["streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0", "--server.headless", "true"]

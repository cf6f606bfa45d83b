"""The page experiments: studies that compose lib functions into what one page shows.

Each module holds one study (or one page's numbers) and returns plain
dataclasses the page lays out; figure builders live in :mod:`lib.viz`, the
models and metrics the studies compose in the concept modules of ``lib``.

===========================  ===================================================
module                       page (section)
===========================  ===================================================
``overview``                 the 1:1000 problem: counts, baseline, weight share
``lessons``                  the guided lessons: presets, questions, evidence
``loss_surface``             loss surface: both surfaces, minima, 1-D slices
``gradients_page``           gradient masking at the chosen step
``boundaries``               decision boundaries: shift, gap, shapes, trees
``weight_schemes``           class-weight schemes on a long tail
``focal``                    focal loss: loss shares, focal vs weighted models
``class_balanced``           class-balanced losses: training and the page study
``class_balanced_scores``    ... its per-class tables and scores
``class_balanced_batches``   ... per-batch against whole-set weights
``class_vs_sample``          sample weights (1): class vs sample weights
``recency``                  sample weights (2): recency weights on drifting data
``weighted_regression``      sample weights (3): inverse-variance weights
``training_loss``            training vs evaluation weights
``resampling``               resampling: what each sampler does to the data
``probabilities``            resampling and probabilities: corrections, repair
``ensembles``                ensembles against one weighted model
``thresholds_page``          thresholds and costs (its choices)
``your_data``, ``summary``   your data: the uploaded file and its task
===========================  ===================================================
"""

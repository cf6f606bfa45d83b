"""Every sentence the app teaches that states a number or a direction, and its test.

A teacher projects the catalogue's explanations to a class, so a sentence
such as "balanced weights move the bias by about log(w1/w0)" or "the rare
class gives under 1 % of the gradient" is a claim. This module is the one
list of them:

* :data:`CLAIMS` maps a catalogue key to the tests that compute its claims
  with ``lib`` and assert them (``"tests/<folder>/test_x.py::test_name"``);
* :data:`NOT_CLAIMS` maps a key that the detector below flags but that states
  nothing measurable (a control's label, a definition checked elsewhere, a
  quiz option that is wrong on purpose) to the reason why.

:func:`test_every_explanatory_claim_has_a_test` fails when a catalogue key
whose English text has a number or a direction word is in neither list, so a
new explanation cannot ship without its test or a stated reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from lib.i18n import catalogue

ROOT = Path(__file__).parents[2]

#: Keys that are not explanations: error messages (tested in tests/lib/test_i18n.py
#: and tests/app/test_errors_i18n.py), page titles and navigation, axis labels.
NOT_EXPLANATORY = ("error.", "nav.", "language.")

#: A number, or a word that states a direction or a size.
_DIGIT = re.compile(r"\d")
_DIRECTION = re.compile(
    r"\b(more|less|fewer|higher|lower|larger|smaller|bigger|increas\w*|decreas\w*|rais\w*|"
    r"drops?|dropp\w*|ris\w*|fall\w*|grow\w*|shrink\w*|shift\w*|mov\w*|toward\w*|barely|"
    r"almost|never|always|most|least|same|equal\w*|dominat\w*|collaps\w*|doubl\w*|halv\w*|"
    r"better|worse|overestimat\w*|underestimat\w*|exceed\w*|above|below|steep\w*|flat\w*|"
    r"slow\w*|fast\w*|optimal|best|worst|calibrated|unchanged|no better)\b",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_LATEX = re.compile(r"\$[^$]*\$")


def states_a_claim(text: str) -> bool:
    """True when ``text`` (English) has a number or a direction word.

    Placeholders (``{n1}``, filled with measured numbers) and LaTeX formulas
    are left out: a formula is a definition, and a placeholder's number is
    measured by the code that fills it.
    """
    plain = _LATEX.sub(" ", _PLACEHOLDER.sub(" ", text))
    return bool(_DIGIT.search(plain) or _DIRECTION.search(plain))


#: Catalogue key -> the tests that measure its claims.
CLAIMS: dict[str, tuple[str, ...]] = {
    "surface.intro": (
        "tests/lib/test_surface.py::test_surface_grid_optima_are_the_exact_minima",
        "tests/lib/studies/test_live.py::test_lowest_cell_is_the_argmin_cell",
    ),
    "live.boundary_drawn": (
        "tests/lib/studies/test_live.py::test_boundary_path_holds_the_fit_at_every_grid_ratio",
        "tests/lib/studies/test_live.py::test_boundary_path_interpolates_linearly_in_log_ratio",
        "tests/lib/studies/test_live.py::test_ratio_grid_default_has_two_points_per_decade",
        "tests/browser/test_live.py::test_drag_redraws_in_the_browser_and_release_commits",
    ),
    "live.commit_page": (
        "tests/browser/test_live.py::test_drag_redraws_in_the_browser_and_release_commits",
        "tests/lib/test_settings_ratio.py::test_w0_is_kept_when_the_bounds_allow",
    ),
    "live.path_text": (
        "tests/lib/studies/test_live.py::test_descent_paths_are_lib_gradient_descent_on_the_projected_data",
        "tests/lib/studies/test_live.py::test_descent_surface_spans_every_path_point",
    ),
    "live.share": (
        "tests/browser/test_live.py::test_drag_redraws_in_the_browser_and_release_commits",
        "tests/lib/studies/test_live.py::test_class_gradient_norms_match_a_recomputation",
    ),
    "live.surface_drawn": (
        "tests/lib/studies/test_live.py::test_surface_is_the_weighted_loss_surface_for_any_weights",
        "tests/lib/studies/test_live.py::test_lowest_cell_is_the_argmin_cell",
        "tests/browser/test_live.py::test_drag_redraws_in_the_browser_and_release_commits",
    ),
    "arena.capped": (
        "tests/claims/test_toolbox.py::test_arena_sample_of_a_large_data_set_keeps_60_positives_for_10_folds_and_smote",
    ),
    "arena.chart_title": (
        "tests/claims/test_toolbox.py::test_arena_intervals_are_95_percent_t_intervals_over_every_fold",
    ),
    "arena.ci_caption": (
        "tests/claims/test_toolbox.py::test_arena_intervals_are_95_percent_t_intervals_over_every_fold",
        "tests/claims/test_toolbox.py::test_arena_threshold_moving_keeps_pr_auc_and_brier_exactly",
    ),
    "arena.intro": (
        "tests/lib/remedies/test_cross_validation.py::test_resampling_happens_in_training_folds_only",
        "tests/claims/test_toolbox.py::test_arena_test_folds_keep_the_true_class_balance",
        "tests/claims/test_toolbox.py::test_arena_intervals_are_95_percent_t_intervals_over_every_fold",
    ),
    "arena.look_for": (
        "tests/claims/test_toolbox.py::test_arena_threshold_moving_keeps_pr_auc_and_brier_exactly",
        "tests/claims/test_toolbox.py::test_arena_class_weights_and_smote_barely_change_pr_auc",
        "tests/claims/test_toolbox.py::test_arena_under_sampling_and_ensembles_can_rank_worse_or_better",
        "tests/claims/test_toolbox.py::test_arena_logistic_remedies_buy_recall_with_precision",
        "tests/claims/test_toolbox.py::test_arena_logistic_remedies_land_close_on_gaussian_data_and_spread_on_digits",
        "tests/claims/test_toolbox.py::test_arena_rebalancing_makes_probabilities_worse",
        "tests/claims/test_toolbox.py::test_arena_eight_positives_give_wide_intervals",
    ),
    "arena.method_text": (
        "tests/claims/test_toolbox.py::test_arena_models_are_the_ones_the_method_text_names",
        "tests/lib/remedies/test_cross_validation.py::test_results_are_reproducible_and_parallel_runs_agree",
    ),
    "arena.minority_help": (
        "tests/claims/test_toolbox.py::test_arena_test_folds_keep_the_true_class_balance",
    ),
    "arena.source.breast_cancer_text": (
        "tests/claims/test_toolbox.py::test_real_data_sets_are_as_described",
        "tests/lib/io/test_datasets.py::test_load_real_keeps_every_majority_row_and_draws_the_minority",
    ),
    "arena.source.digits": ("tests/claims/test_toolbox.py::test_real_data_sets_are_as_described",),
    "arena.source.digits_text": (
        "tests/claims/test_toolbox.py::test_real_data_sets_are_as_described",
        "tests/lib/io/test_datasets.py::test_load_real_keeps_every_majority_row_and_draws_the_minority",
    ),
    "arena.synthetic_text": ("tests/claims/test_toolbox.py::test_synthetic_data_has_two_features",),
    "arena.table_caption": (
        "tests/claims/test_toolbox.py::test_arena_intervals_are_95_percent_t_intervals_over_every_fold",
        "tests/claims/test_toolbox.py::test_arena_intervals_are_too_narrow",
    ),
    "boundaries.equivalence": (
        "tests/lib/models/test_weighting_vs_threshold.py::test_exact_odds_scaling_is_exact_threshold_moving",
        "tests/lib/models/test_weighting_vs_threshold.py::test_the_gap_shrinks_with_more_minority_samples",
    ),
    "boundaries.gap.jaccard": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_shape_table_rows_are_the_comparisons_numbers",
    ),
    "boundaries.gap.precision_moved": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_shape_table_rows_are_the_comparisons_numbers",
    ),
    "boundaries.gap.precision_weighted": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_shape_table_rows_are_the_comparisons_numbers",
    ),
    "boundaries.gap.recall_moved": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_shape_table_rows_are_the_comparisons_numbers",
    ),
    "boundaries.gap.recall_weighted": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_shape_table_rows_are_the_comparisons_numbers",
    ),
    "boundaries.gap.slope_change": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_shape_table_rows_are_the_comparisons_numbers",
    ),
    "boundaries.gap_text": (
        "tests/lib/models/test_weighting_vs_threshold.py::test_plain_agreement_hides_the_disagreement_on_positives",
        "tests/lib/models/test_weighting_vs_threshold.py::test_the_gap_is_not_the_penalty",
        "tests/lib/models/test_weighting_vs_threshold.py::test_the_gap_shrinks_with_more_minority_samples",
        "tests/lib/models/test_weighting_vs_threshold.py::test_moved_threshold_is_the_more_efficient_estimate_on_well_specified_data",
        "tests/lib/studies/test_lessons.py::test_lesson_surface_numbers_tell_the_corrected_story",
    ),
    "boundaries.intro": ("tests/claims/test_core.py::test_default_logistic_regression_has_c_one",),
    "boundaries.look_for": (
        "tests/claims/test_core.py::test_balanced_weights_raise_minority_recall_at_the_price_of_precision",
        "tests/claims/test_core.py::test_weighted_and_moved_operating_points_land_close_on_default_data",
    ),
    "boundaries.metrics_caption": (
        "tests/claims/test_weights_metrics.py::test_zero_division_and_f05_favour_precision",
    ),
    "boundaries.metrics_text": (
        "tests/claims/test_weights_metrics.py::test_training_weights_do_not_enter_a_metrics_formula",
        "tests/claims/test_weights_metrics.py::test_the_validation_set_has_the_training_sets_class_counts",
        "tests/claims/test_weights_metrics.py::test_cost_weighted_accuracy_ranks_models_like_expected_cost",
        "tests/claims/test_weights_metrics.py::test_importance_weights_give_the_metrics_at_the_deployment_mix",
    ),
    "boundaries.nonlinear_intro": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_trees_are_small_seeded_and_use_balanced_weights",
    ),
    "boundaries.nonlinear_text": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_no_line_fits_two_clusters_but_balanced_trees_do",
        "tests/claims/test_shapes_lessons.py::test_boundaries_weights_move_the_trees_boundary_too",
        "tests/claims/test_shapes_lessons.py::test_boundaries_trees_need_positives_to_draw_a_shape",
    ),
    "boundaries.shapes_equal": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_equal_weights_leave_no_threshold_to_compare",
    ),
    "boundaries.shapes_intro": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_shape_table_rows_are_the_comparisons_numbers",
    ),
    "boundaries.shapes_text": (
        "tests/claims/test_shapes_lessons.py::test_boundaries_weights_move_the_coefficients_more_on_misspecified_shapes",
        "tests/claims/test_shapes_lessons.py::test_boundaries_with_200_positives_gaussian_rules_share_90_percent",
        "tests/claims/test_shapes_lessons.py::test_boundaries_at_1000_the_gaussian_fit_is_noisy_and_two_clusters_can_overlap_more",
    ),
    "boundaries.shift_help": (
        "tests/claims/test_core.py::test_balanced_weights_raise_minority_recall_at_the_price_of_precision",
    ),
    "boundaries.threshold_gap_help": (
        "tests/claims/test_core.py::test_threshold_gap_is_zero_for_exact_threshold_moving",
    ),
    "cb.axis_class": (
        "tests/app/test_class_balanced.py::test_percent_change_chart_orders_classes_from_most_to_least_frequent",
        "tests/claims/test_cb.py::test_seven_two_dimensional_classes_with_exponentially_falling_counts",
    ),
    "cb.batch_effect": (
        "tests/claims/test_cb.py::test_what_counting_inside_each_batch_does_to_the_weights",
        "tests/claims/test_cb.py::test_counting_inside_small_batches_lowers_macro_f05",
        "tests/claims/test_cb.py::test_every_run_takes_the_same_mean_step_per_sample",
    ),
    "cb.batch_help": (
        "tests/claims/test_cb.py::test_what_counting_inside_each_batch_does_to_the_weights",
        "tests/lib/test_training.py::test_minibatches_cover_every_sample_once_per_epoch_in_a_seeded_order",
    ),
    "cb.batch_text": (
        "tests/claims/test_cb.py::test_what_counting_inside_each_batch_does_to_the_weights",
        "tests/lib/test_weights.py::test_multilabel_sample_weights_sum_the_weights_of_a_samples_labels",
        "tests/lib/test_training.py::test_batch_class_weights_count_inside_the_batch",
        "tests/lib/test_training.py::test_batch_weighting_in_training_uses_the_replayed_batch_weights",
        "tests/app/test_class_balanced.py::test_renders_at_default_settings_with_its_state_in_the_url",
    ),
    "cb.beta_help": (
        "tests/lib/test_weights.py::test_ens_limits",
        "tests/lib/test_weights.py::test_effective_number_saturates",
        "tests/lib/studies/test_class_balanced.py::test_ens_with_beta_to_zero_trains_the_unweighted_model",
    ),
    "cb.change_text": (
        "tests/claims/test_cb.py::test_the_rarest_class_is_seldom_predicted_and_its_recall_grows_several_fold",
        "tests/claims/test_cb.py::test_extra_predictions_raise_f05_only_if_their_precision_beats_0_8_f05",
        "tests/lib/viz/test_bars.py::test_change_bars_cap_infinite_changes_with_a_label",
        "tests/app/test_class_balanced.py::test_changes_from_zero_are_drawn_capped_and_labelled",
    ),
    "cb.change_text_balanced": (
        "tests/claims/test_cb.py::test_on_the_balanced_test_set_the_head_gains_f05_by_being_predicted_less",
    ),
    "cb.change_text_longtail": (
        "tests/claims/test_cb.py::test_on_the_long_tailed_test_set_the_rare_f05_can_fall_while_recall_rises",
        "tests/claims/test_cb.py::test_test_sets",
    ),
    "cb.change_title": (
        "tests/app/test_class_balanced.py::test_percent_change_chart_orders_classes_from_most_to_least_frequent",
    ),
    "cb.formula_caption": (
        "tests/claims/test_cb.py::test_seven_two_dimensional_classes_with_exponentially_falling_counts",
        "tests/claims/test_cb.py::test_neighbouring_class_means_are_sep_standard_deviations_apart",
        "tests/claims/test_cb.py::test_every_run_takes_the_same_mean_step_per_sample",
        "tests/lib/test_training.py::test_mean_sample_weight_replays_the_batches_of_training",
        "tests/lib/studies/test_class_balanced.py::test_cb_focal_with_gamma_zero_is_ens",
    ),
    "cb.from_zero": (
        "tests/lib/studies/test_class_balanced_scores.py::test_change_from_zero_is_infinite",
        "tests/app/test_class_balanced.py::test_changes_from_zero_are_drawn_capped_and_labelled",
    ),
    "cb.gamma_help": (
        "tests/lib/test_training.py::test_larger_gamma_down_weights_confident_samples_most",
        "tests/lib/studies/test_class_balanced.py::test_cb_focal_with_gamma_zero_is_ens",
    ),
    "cb.imb_help": (
        "tests/claims/test_cb.py::test_the_rarest_count_is_the_head_divided_by_the_ratio_rounded",
    ),
    "cb.intro": (
        "tests/claims/test_cb.py::test_seven_two_dimensional_classes_with_exponentially_falling_counts",
        "tests/claims/test_cb.py::test_of_the_sidebar_only_the_seed_applies",
        "tests/lib/studies/test_class_balanced.py::test_same_seed_same_model_and_train_all_order",
    ),
    "cb.look_for": (
        "tests/claims/test_cb.py::test_the_big_f05_changes_stand_at_the_two_ends",
        "tests/claims/test_cb.py::test_on_the_balanced_test_set_the_head_gains_f05_by_being_predicted_less",
        "tests/claims/test_cb.py::test_ins_pushes_the_rarest_class_hardest_and_isns_most_gently",
        "tests/lib/studies/test_class_balanced.py::test_ens_with_beta_to_zero_trains_the_unweighted_model",
        "tests/lib/test_weights.py::test_ens_at_0_9999_is_close_to_ins_only_while_the_head_is_well_under_10000",
        "tests/app/test_class_balanced.py::test_every_control_changes_the_right_figures",
        "tests/claims/test_cb.py::test_on_the_long_tailed_test_set_the_rare_f05_can_fall_while_recall_rises",
        "tests/claims/test_cb.py::test_what_counting_inside_each_batch_does_to_the_weights",
        "tests/claims/test_cb.py::test_counting_inside_small_batches_lowers_macro_f05",
    ),
    "cb.nmax_help": (
        "tests/claims/test_cb.py::test_the_rarest_count_is_the_head_divided_by_the_ratio_rounded",
    ),
    "cb.overall_caption_batch": (
        "tests/lib/studies/test_class_balanced.py::test_relevant_params_name_only_what_a_strategy_uses",
        "tests/app/test_class_balanced.py::test_every_control_changes_the_right_figures",
    ),
    "cb.overall_text_balanced": (
        "tests/lib/studies/test_class_balanced_scores.py::test_macro_f_is_the_mean_and_weighted_f_the_support_weighted_mean",
        "tests/lib/studies/test_class_balanced_scores.py::test_macro_equals_weighted_on_a_balanced_test_set",
    ),
    "cb.overall_text_longtail": (
        "tests/lib/studies/test_class_balanced_scores.py::test_macro_f_is_the_mean_and_weighted_f_the_support_weighted_mean",
        "tests/claims/test_cb.py::test_test_sets",
        "tests/claims/test_cb.py::test_on_the_long_tailed_test_set_the_rare_f05_can_fall_while_recall_rises",
    ),
    "cb.reduction_text": (
        "tests/lib/losses/test_reduction.py::test_batch_loss_reductions_follow_their_formulas",
        "tests/lib/test_training.py::test_the_trainer_divides_by_the_batch_size_not_by_the_sum_of_weights",
        "tests/claims/test_cb.py::test_pytorchs_divisor_against_this_trainers",
        "tests/claims/test_cb.py::test_every_run_takes_the_same_mean_step_per_sample",
    ),
    "cb.test_caption_balanced": (
        "tests/claims/test_cb.py::test_test_sets",
        "tests/lib/studies/test_class_balanced_scores.py::test_macro_equals_weighted_on_a_balanced_test_set",
    ),
    "cb.test_caption_longtail": ("tests/claims/test_cb.py::test_test_sets",),
    "data.subsampled_both": (
        "tests/claims/test_toolbox.py::test_both_classes_are_thinned_only_when_class_1_is_too_many_to_draw",
    ),
    "ensembles.intro": ("tests/claims/test_core.py::test_ensembles_are_built_as_the_intro_says",),
    "ensembles.look_for": (
        "tests/claims/test_core.py::test_weighted_logistic_regression_is_hard_to_beat_on_gaussian_data",
    ),
    "ensembles.metrics_caption": (
        "tests/claims/test_core.py::test_ensembles_are_built_as_the_intro_says",
    ),
    "ensembles.side_text": (
        "tests/claims/test_core.py::test_ensembles_overestimate_the_minoritys_probability",
        "tests/claims/test_core.py::test_rusboost_keeps_two_majority_rows_per_minority_row",
    ),
    "export.pos_weight": (
        "tests/claims/test_core.py::test_pos_weight_is_the_labs_loss_divided_by_w0",
        "tests/claims/test_core.py::test_adam_steps_barely_change_when_the_loss_is_scaled",
        "tests/lib/io/test_export.py::test_pos_weight_is_the_ratio_and_rescales_the_loss",
    ),
    "export.text": (
        "tests/lib/io/test_export.py::test_sklearn_snippet_reproduces_the_apps_model_and_metrics",
    ),
    "focal.alpha_help": (
        "tests/claims/test_core.py::test_alpha_below_half_predicts_fewer_positives_and_above_more",
    ),
    "focal.curves_caption": (
        "tests/claims/test_core.py::test_focal_gradients_fall_far_below_cross_entropy_for_confident_samples",
    ),
    "focal.intro": (
        "tests/claims/test_core.py::test_focal_intro_thousands_of_easy_majority_points_contribute_almost_nothing",
    ),
    "focal.look_for": (
        "tests/claims/test_core.py::test_focal_gradients_fall_far_below_cross_entropy_for_confident_samples",
        "tests/claims/test_core.py::test_focal_loss_alone_predicts_far_fewer_positives_than_balanced_weights",
        "tests/claims/test_core.py::test_alpha_below_half_predicts_fewer_positives_and_above_more",
        "tests/app/test_lessons.py::test_focal_loss_removes_the_easy_majoritys_share",
    ),
    "focal.metrics_caption": (
        "tests/claims/test_core.py::test_focal_model_is_trained_as_the_caption_says",
    ),
    "focal.share_text": (
        "tests/claims/test_core.py::test_without_alpha_the_easy_majoritys_share_drops_for_every_gamma",
        "tests/claims/test_core.py::test_a_small_alpha_can_raise_the_easy_majoritys_share",
    ),
    "grad.conv_table_caption": (
        "tests/lib/gradients/test_convergence.py::test_near_the_minimum_each_step_removes_a_share_mu_over_lambda",
        "tests/lib/gradients/test_convergence.py::test_masking_slows_the_unweighted_run_down",
        "tests/lib/gradients/test_convergence.py::test_separable_classes_have_no_minimum",
    ),
    "grad.converge_explain": (
        "tests/lib/gradients/test_convergence.py::test_both_runs_converge_to_their_own_minimum",
        "tests/lib/gradients/test_convergence.py::test_every_step_lowers_the_runs_loss",
        "tests/lib/gradients/test_convergence.py::test_unweighted_is_slower_than_balanced_at_high_imbalance",
        "tests/lib/gradients/test_convergence.py::test_almost_every_point_has_p_near_zero_at_the_unweighted_minimum",
        "tests/lib/gradients/test_convergence.py::test_masking_slows_the_unweighted_run_down",
        "tests/lib/gradients/test_convergence.py::test_minimum_matches_an_independent_solver",
        "tests/lib/gradients/test_convergence.py::test_unweighted_minimum_is_calibrated_in_the_large",
        "tests/lib/gradients/test_convergence.py::test_unweighted_minimum_is_calibrated_on_fresh_well_specified_data",
        "tests/lib/gradients/test_convergence.py::test_unweighted_rule_is_close_to_the_most_accurate_rule",
        "tests/lib/gradients/test_convergence.py::test_unweighted_recall_peaks_early_and_falls_to_zero_at_the_minimum",
        "tests/lib/gradients/test_convergence.py::test_a_short_run_is_still_on_its_way",
        "tests/lib/gradients/test_convergence.py::test_noisy_mini_batches_stop_short_of_the_minimum",
        "tests/lib/test_bayes.py::test_bayes_recall_matches_the_share_on_drawn_data",
        "tests/lib/test_bayes.py::test_bayes_rule_is_the_most_accurate_threshold",
        "tests/app/test_gradients_convergence.py::test_convergence_section_shows_both_runs_to_their_minimum",
    ),
    "grad.converge_misspecified": (
        "tests/claims/test_core.py::test_on_misspecified_shapes_both_runs_still_reach_their_own_minimum",
        "tests/lib/test_bayes.py::test_only_gaussian_has_linear_log_odds_and_unequal_var_a_circular_boundary",
        "tests/lib/test_data.py::test_weights_change_the_line_in_substance_only_on_misspecified_shapes",
    ),
    "grad.converge_sampled": (
        "tests/lib/gradients/test_convergence.py::test_compare_convergence_uses_a_capped_sample_and_its_own_minimum",
    ),
    "grad.converge_separable": (
        "tests/lib/gradients/test_convergence.py::test_separable_classes_have_no_minimum",
        "tests/app/test_gradients_convergence.py::test_separable_data_say_there_is_no_minimum",
    ),
    "grad.converge_text": (
        "tests/lib/gradients/test_convergence.py::test_descent_to_minimum_takes_gradient_descents_steps",
        "tests/lib/gradients/test_convergence.py::test_minimum_matches_an_independent_solver",
        "tests/lib/gradients/test_convergence.py::test_runs_stop_once_at_the_minimum",
        "tests/lib/viz/test_lines.py::test_convergence_chart_draws_three_panels_per_run",
        "tests/app/test_gradients_convergence.py::test_convergence_section_shows_both_runs_to_their_minimum",
    ),
    "grad.runs_sampled": (
        "tests/lib/gradients/test_descent.py::test_sample_of_a_million_rows_stays_within_one_percent",
        "tests/lib/test_data.py::test_majority_sample_keeps_minority_and_class_totals",
        "tests/lib/gradients/test_descent.py::test_integer_sample_weight_equals_repeated_rows",
        "tests/app/test_large.py::test_gradient_runs_use_the_weighted_majority_sample",
    ),
    "grad.runs_text": (
        "tests/lib/gradients/test_convergence.py::test_every_step_lowers_the_runs_loss",
        "tests/lib/gradients/test_descent.py::test_share_is_one_half_at_an_optimum",
    ),
    "grad.step_help": (
        "tests/lib/gradients/test_convergence.py::test_descent_to_minimum_takes_gradient_descents_steps",
    ),
    "gradients.intro": (
        "tests/app/test_lessons.py::test_minority_gradient_is_masked_and_balanced_weights_restore_it",
        "tests/lib/gradients/test_descent.py::test_first_steps_fit_the_majority",
        "tests/lib/gradients/test_convergence.py::test_masking_slows_the_unweighted_run_down",
        "tests/lib/gradients/test_convergence.py::test_both_runs_converge_to_their_own_minimum",
        "tests/lib/gradients/test_convergence.py::test_descent_to_minimum_takes_gradient_descents_steps",
    ),
    "gradients.look_for": (
        "tests/lib/gradients/test_descent.py::test_first_steps_fit_the_majority",
        "tests/lib/gradients/test_contributions.py::test_masking_at_1_to_1000_and_balanced_restores",
        "tests/lib/gradients/test_convergence.py::test_masking_slows_the_unweighted_run_down",
        "tests/lib/gradients/test_convergence.py::test_unweighted_recall_peaks_early_and_falls_to_zero_at_the_minimum",
    ),
    "lesson.focal.explain": (
        "tests/app/test_lessons.py::test_focal_loss_removes_the_easy_majoritys_share",
        "tests/claims/test_toolbox.py::test_focal_loss_shrinks_the_easy_majoritys_share_on_other_settings",
    ),
    "lesson.focal.question": (
        "tests/claims/test_toolbox.py::test_focal_loss_multiplies_each_samples_loss_by_the_modulating_factor",
    ),
    "lesson.label_shift.explain": (
        "tests/app/test_lessons.py::test_label_shift_raises_precision_keeps_recall_and_lowers_the_threshold",
        "tests/app/test_lessons.py::test_label_shift_threshold_is_where_the_corrected_probability_is_one_half",
    ),
    "lesson.label_shift.opt1": (
        "tests/app/test_lessons.py::test_label_shift_raises_precision_keeps_recall_and_lowers_the_threshold",
        "tests/app/test_lessons.py::test_label_shift_threshold_is_where_the_corrected_probability_is_one_half",
    ),
    "lesson.label_shift.question": (
        "tests/app/test_lessons.py::test_label_shift_raises_precision_keeps_recall_and_lowers_the_threshold",
    ),
    "lesson.masking.explain": (
        "tests/app/test_lessons.py::test_minority_gradient_is_masked_and_balanced_weights_restore_it",
        "tests/app/test_lessons.py::test_masking_slows_the_run_but_does_not_move_its_end",
        "tests/lib/gradients/test_descent.py::test_first_steps_fit_the_majority",
        "tests/lib/gradients/test_convergence.py::test_minimum_matches_an_independent_solver",
        "tests/lib/gradients/test_convergence.py::test_both_runs_converge_to_their_own_minimum",
        "tests/lib/gradients/test_convergence.py::test_a_short_run_is_still_on_its_way",
        "tests/lib/gradients/test_convergence.py::test_noisy_mini_batches_stop_short_of_the_minimum",
    ),
    "lesson.masking.opt2": (
        "tests/app/test_lessons.py::test_minority_gradient_is_masked_and_balanced_weights_restore_it",
    ),
    "lesson.masking.question": (
        "tests/lib/gradients/test_contributions.py::test_hand_computed_at_zero",
        "tests/app/test_lessons.py::test_minority_gradient_is_masked_and_balanced_weights_restore_it",
    ),
    "lesson.misspecified.explain": (
        "tests/app/test_lessons.py::test_on_a_misspecified_shape_weights_are_more_than_a_moved_threshold",
    ),
    "lesson.misspecified.opt1": (
        "tests/app/test_lessons.py::test_on_a_misspecified_shape_weights_are_more_than_a_moved_threshold",
    ),
    "lesson.misspecified.question": (
        "tests/app/test_lessons.py::test_on_a_misspecified_shape_weights_are_more_than_a_moved_threshold",
        "tests/app/test_lessons.py::test_new_lessons_open_their_page_with_the_preset",
    ),
    "lesson.misspecified.title": (
        "tests/app/test_lessons.py::test_on_a_misspecified_shape_weights_are_more_than_a_moved_threshold",
    ),
    "lesson.plain.explain": (
        "tests/app/test_lessons.py::test_plain_bce_learns_to_predict_class_0",
        "tests/app/test_lessons.py::test_plain_lesson_data_and_its_calibrated_maximum_likelihood_fit",
        "tests/app/test_lessons.py::test_even_the_true_posterior_rarely_exceeds_one_half",
        "tests/app/test_lessons.py::test_a_lower_threshold_finds_more_of_class_1",
        "tests/lib/gradients/test_convergence.py::test_unweighted_rule_is_close_to_the_most_accurate_rule",
        "tests/lib/gradients/test_convergence.py::test_unweighted_minimum_is_calibrated_on_fresh_well_specified_data",
        "tests/lib/test_bayes.py::test_at_1_to_1000_and_separation_2_under_one_percent_of_positives_are_above_half",
        "tests/lib/test_bayes.py::test_true_log_odds_is_the_log_ratio_of_the_class_densities",
    ),
    "lesson.plain.opt1": ("tests/app/test_lessons.py::test_plain_bce_learns_to_predict_class_0",),
    "lesson.plain.question": (
        "tests/app/test_lessons.py::test_plain_lesson_data_and_its_calibrated_maximum_likelihood_fit",
    ),
    "lesson.schemes.explain": (
        "tests/lib/test_weights.py::test_effective_number_saturates",
        "tests/app/test_lessons.py::test_ins_isns_ens_on_a_long_tail",
        "tests/lib/test_weights.py::test_ens_limits",
    ),
    "lesson.schemes.opt2": ("tests/app/test_lessons.py::test_ins_isns_ens_on_a_long_tail",),
    "lesson.schemes.question": (
        "tests/claims/test_cb.py::test_the_schemes_lesson_opens_on_its_own_distribution",
        "tests/app/test_lessons.py::test_ins_isns_ens_on_a_long_tail",
    ),
    "lesson.smote.explain": (
        "tests/app/test_lessons.py::test_smote_and_weights_inflate_probabilities",
        "tests/claims/test_toolbox.py::test_prior_correction_turns_resampled_probabilities_back_into_risks",
    ),
    "lesson.smote.opt1": (
        "tests/app/test_lessons.py::test_smote_and_weights_inflate_probabilities",
    ),
    "lesson.smote.question": (
        "tests/claims/test_toolbox.py::test_smote_lesson_setting_is_1_percent_and_smote_equalises_the_classes",
    ),
    "lesson.surface.explain": (
        "tests/lib/studies/test_lessons.py::test_lesson_surface_numbers_tell_the_corrected_story",
    ),
    "lesson.surface.opt0": (
        "tests/lib/studies/test_lessons.py::test_lesson_surface_numbers_tell_the_corrected_story",
        "tests/app/test_lessons.py::test_balanced_weights_move_the_bias_by_about_log_ratio",
    ),
    "lesson.surface.title": (
        "tests/lib/studies/test_lessons.py::test_lesson_surface_numbers_tell_the_corrected_story",
    ),
    "lesson.threshold.explain": (
        "tests/lib/studies/test_lessons.py::test_lesson_threshold_numbers_tell_the_corrected_story",
        "tests/lib/models/test_weighting_vs_threshold.py::test_moved_threshold_is_the_more_efficient_estimate_on_well_specified_data",
    ),
    "lesson.threshold.opt1": (
        "tests/lib/studies/test_lessons.py::test_lesson_threshold_numbers_tell_the_corrected_story",
    ),
    "lesson.threshold.title": (
        "tests/lib/studies/test_lessons.py::test_lesson_threshold_numbers_tell_the_corrected_story",
    ),
    "lesson.validation.explain": (
        "tests/app/test_lessons.py::test_weighted_model_has_worse_validation_loss_but_better_recall",
        "tests/claims/test_weights_metrics.py::test_balanced_weights_inflate_probabilities_at_the_lesson_settings",
        "tests/claims/test_weights_metrics.py::test_training_weights_do_not_enter_a_metrics_formula",
        "tests/claims/test_weights_metrics.py::test_cost_weighted_accuracy_ranks_models_like_expected_cost",
        "tests/claims/test_weights_metrics.py::test_importance_weights_give_the_metrics_at_the_deployment_mix",
    ),
    "lesson.validation.opt0": (
        "tests/app/test_lessons.py::test_weighted_model_has_worse_validation_loss_but_better_recall",
        "tests/claims/test_weights_metrics.py::test_balanced_weights_inflate_probabilities_at_the_lesson_settings",
    ),
    "lesson.validation.question": (
        "tests/app/test_lessons.py::test_weighted_model_has_worse_validation_loss_but_better_recall",
    ),
    "lessons.intro": ("tests/app/test_lessons.py::test_every_explanation_fills_from_its_evidence",),
    "overview.baseline_help": (
        "tests/claims/test_core.py::test_the_loss_is_a_mean_over_n_and_the_majority_dominates_by_numbers",
    ),
    "overview.look_for": (
        "tests/claims/test_core.py::test_balanced_weights_give_both_classes_the_same_total_weight",
        "tests/lib/viz/test_palette.py::test_class_colours_stay_apart_with_deuteranopia",
    ),
    "overview.loss_text": (
        "tests/claims/test_core.py::test_the_loss_is_a_mean_over_n_and_the_majority_dominates_by_numbers",
    ),
    "prevalence.col.high": (
        "tests/claims/test_prevalence.py::test_intervals_are_95_percent_stratified_bootstrap_with_500_replicates",
    ),
    "prevalence.col.low": (
        "tests/claims/test_prevalence.py::test_intervals_are_95_percent_stratified_bootstrap_with_500_replicates",
    ),
    "prevalence.cost_caption": (
        "tests/claims/test_prevalence.py::test_corrected_rule_moves_with_prevalence_and_meets_the_uncorrected_at_training",
        "tests/lib/prevalence/test_label_shift.py::test_cost_by_prevalence_matches_the_study_at_the_sets_own_ratio",
    ),
    "prevalence.deploy_rate_help": (
        "tests/claims/test_prevalence.py::test_em_uses_no_labels_and_its_correction_has_mean_equal_to_the_estimate",
    ),
    "prevalence.em_rate_help": (
        "tests/claims/test_prevalence.py::test_em_uses_no_labels_and_its_correction_has_mean_equal_to_the_estimate",
    ),
    "prevalence.interval_text": (
        "tests/claims/test_prevalence.py::test_intervals_are_95_percent_stratified_bootstrap_with_500_replicates",
        "tests/claims/test_prevalence.py::test_recall_interval_is_wide_with_few_positives",
    ),
    "prevalence.intro": (
        "tests/claims/test_prevalence.py::test_recall_roc_auc_and_balanced_accuracy_are_the_same_at_every_prevalence",
        "tests/claims/test_prevalence.py::test_precision_pr_auc_and_mcc_depend_on_the_prevalence",
        "tests/lib/prevalence/test_report.py::test_deployment_data_is_make_imbalanced_with_another_seed",
        "tests/lib/prevalence/test_report.py::test_test_and_deployment_sets_are_capped_but_training_follows_the_sidebar",
    ),
    "prevalence.look_for": (
        "tests/claims/test_prevalence.py::test_precision_pr_auc_and_mcc_depend_on_the_prevalence",
        "tests/claims/test_prevalence.py::test_recall_roc_auc_and_balanced_accuracy_are_the_same_at_every_prevalence",
        "tests/claims/test_prevalence.py::test_recall_interval_is_wide_with_few_positives",
        "tests/claims/test_prevalence.py::test_look_for_at_the_defaults",
    ),
    "prevalence.mean_corrected_help": (
        "tests/claims/test_prevalence.py::test_mean_corrected_true_posterior_matches_the_deployment_rate",
    ),
    "prevalence.mean_p_help": (
        "tests/claims/test_prevalence.py::test_mean_p_lies_between_the_training_and_the_deployment_rate",
    ),
    "prevalence.metrics_text": (
        "tests/claims/test_prevalence.py::test_recall_roc_auc_and_balanced_accuracy_are_the_same_at_every_prevalence",
        "tests/claims/test_prevalence.py::test_precision_pr_auc_and_mcc_depend_on_the_prevalence",
        "tests/claims/test_prevalence.py::test_a_rule_with_no_positives_has_precision_and_mcc_zero_everywhere",
        "tests/claims/test_prevalence.py::test_pr_auc_chance_level_is_the_prevalence_and_the_grid_spans_1_to_10000",
        "tests/claims/test_prevalence.py::test_the_metrics_rule_is_the_bayes_threshold_on_uncorrected_probabilities",
    ),
    "prevalence.misspec_note": (
        "tests/claims/test_prevalence.py::test_for_the_true_posterior_the_correction_is_exact_on_every_shape",
        "tests/claims/test_prevalence.py::test_on_misspecified_shapes_the_correction_is_only_approximate",
    ),
    "prevalence.rule.half": (
        "tests/claims/test_prevalence.py::test_rule_thresholds_and_the_uncorrected_equivalent",
    ),
    "prevalence.rules_text": (
        "tests/claims/test_prevalence.py::test_rule_thresholds_and_the_uncorrected_equivalent",
        "tests/lib/prevalence/test_label_shift.py::test_uncorrected_threshold_gives_the_same_decisions",
    ),
    "prevalence.shift_text": (
        "tests/claims/test_prevalence.py::test_for_the_true_posterior_the_correction_is_exact_on_every_shape",
        "tests/claims/test_prevalence.py::test_the_correction_keeps_roc_auc",
        "tests/claims/test_prevalence.py::test_em_uses_no_labels_and_its_correction_has_mean_equal_to_the_estimate",
    ),
    "prevalence.train_rate_help": (
        "tests/claims/test_prevalence.py::test_training_mean_probability_equals_the_training_rate",
    ),
    "prevalence.wellspec_note": (
        "tests/claims/test_prevalence.py::test_gaussian_true_posterior_is_logistic_in_x",
        "tests/claims/test_prevalence.py::test_for_the_true_posterior_the_correction_is_exact_on_every_shape",
        "tests/claims/test_prevalence.py::test_well_specified_em_differs_from_the_true_rate_at_the_defaults",
    ),
    "proba.formula_caption": (
        "tests/lib/test_calibration.py::test_weight_correction_with_beta_equals_prior_correction",
        "tests/claims/test_toolbox.py::test_the_weight_correction_with_w0_beta_is_the_undersampling_correction",
        "tests/claims/test_toolbox.py::test_gaussian_correction_brings_estimate_and_reliability_back",
    ),
    "proba.hist_caption": (
        "tests/claims/test_toolbox.py::test_each_class_histogram_sums_to_100_percent",
    ),
    "proba.intro": (
        "tests/claims/test_toolbox.py::test_remedies_overestimate_positives_and_score_worse",
    ),
    "proba.look_for": (
        "tests/claims/test_toolbox.py::test_histograms_of_the_remedies_sit_far_to_the_right_at_the_default",
        "tests/claims/test_toolbox.py::test_gaussian_correction_brings_estimate_and_reliability_back",
        "tests/claims/test_toolbox.py::test_on_a_misspecified_shape_the_correction_is_only_approximate",
        "tests/claims/test_toolbox.py::test_plain_model_needs_no_correction",
        "tests/claims/test_toolbox.py::test_the_overestimate_shrinks_from_hundreds_of_times_to_a_few",
    ),
    "proba.rate_text": (
        "tests/claims/test_toolbox.py::test_the_overestimate_shrinks_from_hundreds_of_times_to_a_few",
        "tests/claims/test_toolbox.py::test_gaussian_correction_brings_estimate_and_reliability_back",
        "tests/claims/test_toolbox.py::test_on_a_misspecified_shape_the_correction_is_only_approximate",
        "tests/claims/test_toolbox.py::test_ece_uses_ten_equal_width_bins",
        "tests/claims/test_toolbox.py::test_the_correction_changes_probabilities_not_rankings",
    ),
    "proba.rel_caption": (
        "tests/claims/test_toolbox.py::test_reliability_bins_hold_equal_counts_and_empty_bins_sit_at_the_floor",
        "tests/claims/test_toolbox.py::test_gaussian_correction_brings_estimate_and_reliability_back",
    ),
    "proba.repair_intro": (
        "tests/claims/test_thresholds_calibration.py::test_repair_holds_out_a_stratified_calibration_set_and_keeps_the_test_set",
        "tests/lib/test_calibration.py::test_repair_is_scikit_learns_frozen_calibration",
    ),
    "proba.repair_text": (
        "tests/claims/test_thresholds_calibration.py::test_odds_correction_is_as_good_as_a_learned_map_on_gaussian_data",
        "tests/claims/test_thresholds_calibration.py::test_weights_shift_the_gaussian_log_odds_by_about_a_constant",
        "tests/claims/test_thresholds_calibration.py::test_odds_correction_is_not_enough_on_unequal_spread",
        "tests/lib/test_calibration.py::test_odds_correction_is_not_enough_on_a_misspecified_shape",
        "tests/lib/test_calibration.py::test_odds_correction_is_enough_on_the_well_specified_shape",
    ),
    "resampling.intro": (
        "tests/claims/test_toolbox.py::test_random_over_sampling_copies_minority_rows_and_under_sampling_drops_majority_rows",
        "tests/claims/test_toolbox.py::test_synthetic_points_lie_between_a_minority_point_and_a_k_nearest_neighbour",
        "tests/claims/test_toolbox.py::test_adasyn_puts_more_points_where_the_majority_crowds_in",
    ),
    "resampling.k_help": (
        "tests/claims/test_toolbox.py::test_synthetic_points_lie_between_a_minority_point_and_a_k_nearest_neighbour",
        "tests/claims/test_toolbox.py::test_neighbour_samplers_need_k_plus_1_minority_samples",
    ),
    "resampling.look_for": (
        "tests/claims/test_toolbox.py::test_samplers_move_the_boundary_towards_the_majority_as_far_as_class_weights",
        "tests/claims/test_toolbox.py::test_random_over_sampling_copies_minority_rows_and_under_sampling_drops_majority_rows",
        "tests/claims/test_toolbox.py::test_under_sampling_gives_the_least_stable_boundary",
        "tests/claims/test_toolbox.py::test_synthetic_points_lie_between_a_minority_point_and_a_k_nearest_neighbour",
        "tests/claims/test_toolbox.py::test_adasyn_puts_more_points_where_the_majority_crowds_in",
        "tests/claims/test_toolbox.py::test_a_1_to_4_target_moves_the_boundary_only_part_of_the_way",
    ),
    "resampling.metrics_caption": (
        "tests/claims/test_toolbox.py::test_resampling_raises_recall_and_lowers_precision",
        "tests/claims/test_toolbox.py::test_at_1_to_1000_the_plain_model_predicts_no_positives_and_shows_precision_0",
    ),
    "resampling.ratio_help": (
        "tests/claims/test_toolbox.py::test_sampling_strategy_is_minority_over_majority_after_resampling",
        "tests/claims/test_toolbox.py::test_a_1_to_4_target_moves_the_boundary_only_part_of_the_way",
    ),
    "schemes.axis_class": (
        "tests/claims/test_cb.py::test_seven_two_dimensional_classes_with_exponentially_falling_counts",
    ),
    "schemes.axis_one_minus_beta": (
        "tests/claims/test_cb.py::test_the_ens_chart_runs_towards_beta_one_on_a_log_axis",
    ),
    "schemes.beta_heading": ("tests/lib/test_weights.py::test_ens_limits",),
    "schemes.beta_help": ("tests/lib/test_weights.py::test_ens_limits",),
    "schemes.beta_text": (
        "tests/lib/test_weights.py::test_effective_number_saturates",
        "tests/lib/test_weights.py::test_small_beta_gives_nearly_uniform_weights",
        "tests/lib/test_weights.py::test_ens_limits",
    ),
    "schemes.ens_title": (
        "tests/claims/test_cb.py::test_the_ens_chart_runs_towards_beta_one_on_a_log_axis",
        "tests/lib/test_weights.py::test_ens_limits",
    ),
    "schemes.intro": (
        "tests/lib/test_weights.py::test_balanced_equals_sklearn",
        "tests/lib/test_weights.py::test_normalised_schemes_sum_to_k",
        "tests/claims/test_cb.py::test_seven_two_dimensional_classes_with_exponentially_falling_counts",
        "tests/claims/test_cb.py::test_of_the_sidebar_only_the_seed_applies",
    ),
    "schemes.look_for": (
        "tests/lib/test_weights.py::test_ins_ratio_is_the_count_ratio_and_every_class_gets_the_same_total",
        "tests/lib/test_weights.py::test_small_beta_gives_nearly_uniform_weights",
        "tests/lib/test_weights.py::test_ens_at_0_9999_is_close_to_ins_only_while_the_head_is_well_under_10000",
    ),
    "schemes.table_caption": (
        "tests/lib/test_weights.py::test_balanced_weights_total_n",
        "tests/lib/test_weights.py::test_normalised_schemes_sum_to_k",
    ),
    "schemes.tail_help": (
        "tests/claims/test_cb.py::test_the_rarest_count_is_the_head_divided_by_the_ratio_rounded",
    ),
    "sidebar.balanced_help": (
        "tests/claims/test_core.py::test_balanced_weights_give_both_classes_the_same_total_weight",
    ),
    "sidebar.copy_link_help": (
        "tests/browser/test_browser.py::test_copied_link_reproduces_the_view",
    ),
    "sidebar.projector_help": (
        "tests/app/test_projector.py::test_projector_mode_from_the_link_enlarges_charts_and_text",
    ),
    "sidebar.ratio_help": ("tests/claims/test_core.py::test_ratio_means_majority_per_minority",),
    "sidebar.sep_help": (
        "tests/claims/test_core.py::test_bayes_rule_misses_many_positives_at_1_to_1000_and_separation_4",
    ),
    "sidebar.shape_help": (
        "tests/lib/test_data.py::test_unequal_var_minority_has_half_the_spread_and_the_means_sep_apart",
        "tests/lib/test_data.py::test_two_clusters_sit_on_both_sides_of_the_majority_at_sep",
        "tests/lib/test_data.py::test_no_line_fits_two_clusters_but_a_nonlinear_model_does",
        "tests/lib/test_data.py::test_on_gaussian_data_the_linear_model_is_as_good_as_any",
        "tests/lib/test_data.py::test_weights_change_the_line_in_substance_only_on_misspecified_shapes",
        "tests/lib/test_bayes.py::test_only_gaussian_has_linear_log_odds_and_unequal_var_a_circular_boundary",
    ),
    "strategies.capped": (
        "tests/claims/test_toolbox.py::test_a_capped_sample_keeps_the_class_shares_and_over_sampling_nearly_doubles_the_rows",
    ),
    "strategy.adasyn": (
        "tests/claims/test_core.py::test_adasyn_puts_more_synthetic_points_where_the_majority_surrounds_the_minority",
    ),
    "strategy.random_under": (
        "tests/claims/test_core.py::test_strategy_descriptions_match_what_the_strategies_do",
    ),
    "strategy.threshold": (
        "tests/claims/test_core.py::test_strategy_descriptions_match_what_the_strategies_do",
    ),
    "surface.equal_weights": (
        "tests/claims/test_core.py::test_equal_weights_scale_the_surface_and_keep_its_minimum",
    ),
    "surface.log_ratio_help": (
        "tests/claims/test_core.py::test_balanced_weights_move_the_surface_minimum_up_by_about_log_ratio",
        "tests/lib/models/test_weighting_vs_threshold.py::test_the_gap_shrinks_with_more_minority_samples",
    ),
    "surface.look_for": (
        "tests/claims/test_core.py::test_balanced_weights_move_the_surface_minimum_up_by_about_log_ratio",
    ),
    "surface.projection_note": (
        "tests/claims/test_core.py::test_two_clusters_make_the_one_d_view_noise",
    ),
    "sw.a_text": (
        "tests/claims/test_weights_metrics.py::test_class_weight_and_the_same_array_agree_to_rounding",
        "tests/claims/test_weights_metrics.py::test_table_lists_the_candidates_and_every_other_point_keeps_its_class_weight",
        "tests/claims/test_weights_metrics.py::test_candidates_are_the_12_points_nearest_the_unweighted_boundary",
    ),
    "sw.acc_text": (
        "tests/claims/test_weights_metrics.py::test_the_true_boundary_is_best_on_average_but_under_90_percent",
        "tests/claims/test_weights_metrics.py::test_forgetting_without_drift_and_the_best_half_life_shrinks_with_drift",
    ),
    "sw.b_heading": (
        "tests/claims/test_weights_metrics.py::test_recency_weight_halves_every_half_life",
    ),
    "sw.b_text": (
        "tests/claims/test_weights_metrics.py::test_recency_weight_halves_every_half_life",
        "tests/claims/test_weights_metrics.py::test_short_half_lives_keep_few_effective_samples_and_fit_noisily",
        "tests/claims/test_weights_metrics.py::test_unweighted_fit_lands_between_and_recency_leans_towards_today",
    ),
    "sw.c_heading": (
        "tests/claims/test_weights_metrics.py::test_wls_trusts_precise_points_up_to_r_squared_times_more",
    ),
    "sw.c_text": (
        "tests/claims/test_weights_metrics.py::test_sklearn_sample_weight_is_weighted_least_squares",
        "tests/claims/test_weights_metrics.py::test_wls_has_the_smallest_variance_among_weighted_linear_estimators",
        "tests/claims/test_weights_metrics.py::test_histograms_centre_on_the_truth_and_wls_is_narrower_when_noise_differs",
    ),
    "sw.cls1w_help": (
        "tests/claims/test_weights_metrics.py::test_cls1w_help_balanced_weights_and_ratio",
    ),
    "sw.curve_bayes": (
        "tests/claims/test_weights_metrics.py::test_the_true_boundary_is_best_on_average_but_under_90_percent",
    ),
    "sw.drift_map_text": (
        "tests/claims/test_weights_metrics.py::test_opacity_grows_with_recency_weight_so_faint_points_are_old",
        "tests/claims/test_weights_metrics.py::test_unweighted_fit_lands_between_and_recency_leans_towards_today",
    ),
    "sw.half_help": (
        "tests/claims/test_weights_metrics.py::test_recency_weight_halves_every_half_life",
    ),
    "sw.hist_text": (
        "tests/claims/test_weights_metrics.py::test_histograms_centre_on_the_truth_and_wls_is_narrower_when_noise_differs",
        "tests/claims/test_weights_metrics.py::test_wls_has_the_smallest_variance_among_weighted_linear_estimators",
    ),
    "sw.intro": (
        "tests/claims/test_weights_metrics.py::test_part_a_draws_200_points_at_most_1_to_20",
        "tests/claims/test_weights_metrics.py::test_class_weight_is_multiplied_into_sample_weight",
        "tests/claims/test_weights_metrics.py::test_class_weight_and_the_same_array_agree_to_rounding",
        "tests/claims/test_weights_metrics.py::test_recency_weight_halves_every_half_life",
        "tests/claims/test_weights_metrics.py::test_wls_trusts_precise_points_up_to_r_squared_times_more",
    ),
    "sw.line_wls": (
        "tests/claims/test_weights_metrics.py::test_sklearn_sample_weight_is_weighted_least_squares",
    ),
    "sw.look_for": (
        "tests/claims/test_weights_metrics.py::test_class_weight_and_the_same_array_agree_to_rounding",
        "tests/claims/test_weights_metrics.py::test_a_large_factor_pulls_the_boundary_towards_the_picked_point",
        "tests/claims/test_weights_metrics.py::test_factor_0_deletes_the_point_and_factor_1_changes_nothing",
        "tests/claims/test_weights_metrics.py::test_forgetting_without_drift_and_the_best_half_life_shrinks_with_drift",
        "tests/claims/test_weights_metrics.py::test_histograms_centre_on_the_truth_and_wls_is_narrower_when_noise_differs",
    ),
    "sw.m_identical": (
        "tests/claims/test_weights_metrics.py::test_class_weight_and_the_same_array_agree_to_rounding",
    ),
    "sw.m_identical_help": (
        "tests/claims/test_weights_metrics.py::test_class_weight_and_the_same_array_agree_to_rounding",
    ),
    "sw.m_neff_help": (
        "tests/claims/test_weights_metrics.py::test_effective_sample_size_counts_equally_weighted_points",
        "tests/lib/studies/test_recency.py::test_effective_sample_size_bounds_and_scale_invariance",
    ),
    "sw.m_shift_picked_help": (
        "tests/claims/test_weights_metrics.py::test_class_weight_and_the_same_array_agree_to_rounding",
        "tests/claims/test_weights_metrics.py::test_factor_0_deletes_the_point_and_factor_1_changes_nothing",
    ),
    "sw.map_class_text": (
        "tests/claims/test_weights_metrics.py::test_marker_size_grows_4px_per_decade_and_zero_weight_is_an_open_circle",
        "tests/claims/test_weights_metrics.py::test_class_weight_moves_the_boundary_into_class_0",
    ),
    "sw.map_sample_text": (
        "tests/claims/test_weights_metrics.py::test_marker_size_grows_4px_per_decade_and_zero_weight_is_an_open_circle",
        "tests/claims/test_weights_metrics.py::test_class_weight_and_the_same_array_agree_to_rounding",
        "tests/claims/test_weights_metrics.py::test_a_large_factor_pulls_the_boundary_towards_the_picked_point",
        "tests/claims/test_weights_metrics.py::test_factor_0_deletes_the_point_and_factor_1_changes_nothing",
    ),
    "sw.pick_help": (
        "tests/claims/test_weights_metrics.py::test_candidates_are_the_12_points_nearest_the_unweighted_boundary",
    ),
    "sw.pickw_help": (
        "tests/claims/test_weights_metrics.py::test_factor_0_deletes_the_point_and_factor_1_changes_nothing",
    ),
    "sw.reg_text": (
        "tests/claims/test_weights_metrics.py::test_wls_trusts_precise_points_up_to_r_squared_times_more",
        "tests/claims/test_weights_metrics.py::test_distance_is_averaged_over_0_to_10_and_error_bars_are_1_sigma",
        "tests/claims/test_weights_metrics.py::test_ols_comes_out_closer_for_3_of_50_seeds_at_r_20",
    ),
    "sw.reg_title": (
        "tests/claims/test_weights_metrics.py::test_distance_is_averaged_over_0_to_10_and_error_bars_are_1_sigma",
    ),
    "sw.spread_help": (
        "tests/claims/test_weights_metrics.py::test_noise_levels_are_log_uniform_between_1_over_sqrt_r_and_sqrt_r",
        "tests/claims/test_weights_metrics.py::test_histograms_centre_on_the_truth_and_wls_is_narrower_when_noise_differs",
    ),
    "sw.table_caption": (
        "tests/claims/test_weights_metrics.py::test_table_lists_the_candidates_and_every_other_point_keeps_its_class_weight",
    ),
    "thresholds.agree_help": (
        "tests/lib/models/test_weighting_vs_threshold.py::test_exact_odds_scaling_is_exact_threshold_moving",
    ),
    "thresholds.bayes_help": (
        "tests/claims/test_core.py::test_plain_model_is_close_to_calibrated_on_well_specified_data",
    ),
    "thresholds.cost_caption": (
        "tests/claims/test_core.py::test_cost_claims_of_the_threshold_page",
        "tests/claims/test_thresholds_calibration.py::test_cost_chart_colours_are_the_ones_the_caption_names",
    ),
    "thresholds.cost_help": ("tests/claims/test_core.py::test_only_the_cost_ratio_matters",),
    "thresholds.curves_caption": (
        "tests/claims/test_core.py::test_roc_looks_good_while_most_alarms_are_false",
    ),
    "thresholds.intro": (
        "tests/claims/test_core.py::test_weighted_and_moved_operating_points_land_close_on_default_data",
    ),
    "thresholds.jaccard_help": (
        "tests/lib/models/test_weighting_vs_threshold.py::test_exact_odds_scaling_is_exact_threshold_moving",
        "tests/lib/models/test_weighting_vs_threshold.py::test_plain_agreement_hides_the_disagreement_on_positives",
    ),
    "thresholds.look_for": (
        "tests/claims/test_core.py::test_weighted_and_moved_operating_points_land_close_on_default_data",
        "tests/claims/test_core.py::test_cost_claims_of_the_threshold_page",
        "tests/lib/models/test_weighting_vs_threshold.py::test_plain_agreement_hides_the_disagreement_on_positives",
    ),
    "thresholds.same_text": (
        "tests/lib/models/test_weighting_vs_threshold.py::test_exact_odds_scaling_is_exact_threshold_moving",
        "tests/lib/models/test_weighting_vs_threshold.py::test_plain_agreement_hides_the_disagreement_on_positives",
        "tests/lib/models/test_weighting_vs_threshold.py::test_the_gap_is_not_the_penalty",
        "tests/lib/models/test_weighting_vs_threshold.py::test_the_gap_shrinks_with_more_minority_samples",
        "tests/lib/models/test_weighting_vs_threshold.py::test_moved_threshold_is_the_more_efficient_estimate_on_well_specified_data",
    ),
    "thresholds.shape_text": (
        "tests/claims/test_thresholds_calibration.py::test_on_a_misspecified_shape_weighting_is_not_a_moved_threshold",
    ),
    "thresholds.tuned_help": (
        "tests/claims/test_thresholds_calibration.py::test_tuned_threshold_is_scikit_learns_cv_with_5_folds_and_200_log_odds_candidates",
        "tests/claims/test_thresholds_calibration.py::test_cross_validated_cost_is_an_honest_estimate_of_the_test_cost",
        "tests/claims/test_core.py::test_a_threshold_tuned_on_training_predictions_is_optimistic_badly_for_forests",
        "tests/lib/thresholds/test_tuning.py::test_training_threshold_is_optimistic_cross_validated_one_is_not",
    ),
    "thresholds.untuned": (
        "tests/claims/test_thresholds_calibration.py::test_tuning_needs_two_samples_of_each_class",
    ),
    "thresholds.which_text": (
        "tests/claims/test_thresholds_calibration.py::test_bayes_threshold_is_as_good_as_the_tuned_one_for_the_calibrated_plain_model",
        "tests/claims/test_thresholds_calibration.py::test_bayes_threshold_costs_several_times_more_on_a_weighted_model_at_the_defaults",
        "tests/claims/test_thresholds_calibration.py::test_bayes_threshold_costs_more_on_a_weighted_model_elsewhere",
        "tests/claims/test_thresholds_calibration.py::test_bayes_threshold_costs_more_for_the_plain_model_on_unequal_spread",
        "tests/claims/test_thresholds_calibration.py::test_the_test_sets_own_minimum_is_optimistic",
    ),
    "trainloss.best_epochs": (
        "tests/claims/test_weights_metrics.py::test_sgd_step_is_divided_by_the_mean_weight",
        "tests/claims/test_weights_metrics.py::test_weighted_validation_loss_rewards_the_training_device",
    ),
    "trainloss.intro": (
        "tests/claims/test_weights_metrics.py::test_training_weights_do_not_enter_a_metrics_formula",
        "tests/claims/test_weights_metrics.py::test_two_class_softmax_is_logistic_regression",
        "tests/claims/test_weights_metrics.py::test_the_validation_set_has_the_training_sets_class_counts",
    ),
    "trainloss.look_for": (
        "tests/claims/test_weights_metrics.py::test_weighted_validation_loss_rewards_the_training_device",
        "tests/claims/test_weights_metrics.py::test_balanced_weights_raise_the_plain_validation_loss_at_other_settings",
        "tests/claims/test_weights_metrics.py::test_training_loss_page_table_shows_balanced_accuracy_in_the_balanced_row",
    ),
    "trainloss.same_caption": (
        "tests/claims/test_weights_metrics.py::test_balanced_accuracy_is_accuracy_with_balanced_sample_weights",
        "tests/claims/test_weights_metrics.py::test_weighted_columns_are_the_sample_weighted_formulas",
        "tests/claims/test_weights_metrics.py::test_the_validation_set_has_the_training_sets_class_counts",
        "tests/claims/test_weights_metrics.py::test_recall_ignores_class_weights_as_sample_weight",
        "tests/claims/test_weights_metrics.py::test_training_loss_page_table_shows_balanced_accuracy_in_the_balanced_row",
    ),
    "trainloss.same_heading": (
        "tests/claims/test_weights_metrics.py::test_training_weights_do_not_enter_a_metrics_formula",
    ),
    "trainloss.same_text": (
        "tests/claims/test_weights_metrics.py::test_training_weights_do_not_enter_a_metrics_formula",
        "tests/claims/test_weights_metrics.py::test_weighted_columns_are_the_sample_weighted_formulas",
        "tests/claims/test_weights_metrics.py::test_training_loss_page_table_shows_balanced_accuracy_in_the_balanced_row",
    ),
    "trainloss.why": (
        "tests/claims/test_weights_metrics.py::test_cost_weighted_accuracy_ranks_models_like_expected_cost",
        "tests/claims/test_weights_metrics.py::test_importance_weights_give_the_metrics_at_the_deployment_mix",
        "tests/claims/test_weights_metrics.py::test_balanced_accuracy_is_accuracy_with_balanced_sample_weights",
        "tests/claims/test_weights_metrics.py::test_weighted_validation_loss_rewards_the_training_device",
    ),
    "upload.dropped": (
        "tests/lib/io/test_upload.py::test_prepare_drops_rows_with_missing_values_on_request",
    ),
    "upload.file_help": (
        "tests/lib/io/test_upload.py::test_read_csv_detects_the_delimiter",
        "tests/lib/io/test_upload.py::test_read_csv_accepts_exactly_max_rows_and_max_bytes",
        "tests/lib/io/test_upload.py::test_read_csv_refuses_too_many_rows",
        "tests/lib/io/test_upload.py::test_read_csv_refuses_too_many_bytes",
    ),
    "upload.look_for": (
        "tests/claims/test_toolbox.py::test_the_arena_refuses_fewer_positives_than_folds",
        "tests/claims/test_toolbox.py::test_arena_eight_positives_give_wide_intervals",
        "tests/lib/io/test_upload.py::test_prepare_numeric_bool_and_one_hot_columns",
        "tests/lib/io/test_upload.py::test_prepare_refuses_text_with_too_many_values",
        "tests/claims/test_toolbox.py::test_on_many_features_a_non_linear_ensemble_can_pay_off",
    ),
    "upload.positive_help": (
        "tests/lib/io/test_upload.py::test_prepare_one_vs_rest_for_a_multiclass_target",
        "tests/lib/io/test_upload.py::test_class_counts_most_frequent_first_with_missing_values",
        "tests/claims/test_toolbox.py::test_the_least_frequent_value_is_the_default_positive_class",
    ),
    "upload.rows_help": (
        "tests/lib/io/test_upload.py::test_prepare_drops_rows_with_missing_values_on_request",
    ),
}

#: Reason for a label, heading or title that the detector flags for a digit or a word.
LABEL = "label: names a control, a column, a curve or a figure, and states nothing"

#: Catalogue key flagged by :func:`states_a_claim` that makes no measurable
#: claim -> why.
NOT_CLAIMS: dict[str, str] = {
    "live.line_at": "label: the drawn line's equation, numbers filled by the browser (checked in tests/browser/test_live.py)",
    "live.mark_equal": "label: the 1 : 1 mark on the weight-ratio slider",
    "live.ratio_label": "label: names the weight-ratio slider (w1/w0)",
    "live.ratio_symbol": "label: the symbol w1/w0 in the slider's readout",
    "arena.col.f05_1": "label: names the column (F0.5 of class 1)",
    "arena.col.precision_1": "label: names the column",
    "arena.col.recall_0": "label: names the column",
    "arena.col.recall_1": "label: names the column",
    "arena.minority": "label: names the metric (rows of class 1)",
    "arena.none_selected": "an instruction to choose a strategy, not a claim",
    "boundaries.line_05": LABEL,
    "boundaries.model_unweighted": LABEL,
    "boundaries.model_weighted": LABEL,
    "boundaries.nonlinear_balanced": "chart title naming the measured balanced weights (tested in tests/claims/test_shapes_lessons.py::test_boundaries_trees_are_small_seeded_and_use_balanced_weights)",
    "boundaries.nonlinear_boundary": "legend label of the trees' boundary p = 0.5",
    "boundaries.shift": LABEL,
    "boundaries.threshold": LABEL,
    "boundaries.threshold_gap": LABEL,
    "boundaries.title_weighted": LABEL,
    "cb.col_head_recall": "column label (recall of the most frequent class); values come from lib",
    "cb.col_macro": "column label naming the metric F0.5",
    "cb.col_weighted": "column label naming the metric F0.5",
    "cb.overall_heading": "section heading naming macro and weighted F0.5",
    "ensembles.boundary": LABEL,
    "ensembles.weighted_ref": LABEL,
    "export.heading": LABEL,
    "fig.boundary.colorbar": "label: names the colour scale, P(class 1)",
    "fig.boundary.hover": "hover template: shows the coordinates and P(class 1) of a point",
    "fig.conv.recall": "a chart or table label; its numbers are drawn from lib, not stated (p > 0.5 names the rule)",
    "fig.grad.share": "a chart or table label; its numbers are drawn from lib, not stated",
    "fig.run.loss_sum0": "a chart or table label; its numbers are drawn from lib, not stated",
    "fig.run.loss_sum1": "a chart or table label; its numbers are drawn from lib, not stated",
    "fig.run.norm0": "a chart or table label; its numbers are drawn from lib, not stated",
    "fig.run.norm1": "a chart or table label; its numbers are drawn from lib, not stated",
    "fig.run.share1": "a chart or table label; its numbers are drawn from lib, not stated",
    "fig.surface.colorbar": "label: names the colour scale, log10 of the loss",
    "focal.alpha": LABEL,
    "focal.easy_majority": LABEL,
    "focal.gamma_help": "reports the cited paper's finding (Lin et al. 2017, Table 1a: γ = 2 best); γ = 0 being cross-entropy is tested in tests/lib/losses/test_focal.py",
    "focal.grad_title": LABEL,
    "focal.hard_majority": LABEL,
    "focal.loss_title": LABEL,
    "focal.model_weighted": LABEL,
    "grad.at_step": "heading of the table; w0, w1 and the step are the current settings",
    "grad.chart_share": "a chart or table label; its numbers are drawn from lib, not stated",
    "grad.col_loss0": "a chart or table label; its numbers are drawn from lib, not stated",
    "grad.col_loss1": "a chart or table label; its numbers are drawn from lib, not stated",
    "grad.col_loss_share1": "a chart or table label; its numbers are drawn from lib, not stated",
    "grad.col_norm0": "a chart or table label; its numbers are drawn from lib, not stated",
    "grad.col_norm1": "a chart or table label; its numbers are drawn from lib, not stated",
    "grad.col_share1": "a chart or table label; its numbers are drawn from lib, not stated",
    "grad.conv_optimum_recall1": "a chart or table label; its numbers are drawn from lib, not stated (p > 0.5 names the rule)",
    "grad.conv_positive_rate": "a chart or table label; its numbers are drawn from lib, not stated",
    "grad.conv_steps_to_optimum": "a chart or table label; its numbers are drawn from lib, not stated; the 1 % is the column's definition, computed by lib.gradients.descent_to_minimum",
    "lesson.focal.opt1": "quiz option, wrong on purpose; the answer is tested in tests/app/test_lessons.py::test_focal_loss_removes_the_easy_majoritys_share",
    "lesson.focal.opt2": "quiz option, wrong on purpose; the answer is tested in tests/app/test_lessons.py::test_focal_loss_removes_the_easy_majoritys_share",
    "lesson.label_shift.opt0": "quiz option, wrong on purpose; the answer is tested in tests/app/test_lessons.py::test_label_shift_raises_precision_keeps_recall_and_lowers_the_threshold",
    "lesson.label_shift.opt2": "quiz option, wrong on purpose; the answer is tested in tests/app/test_lessons.py::test_label_shift_raises_precision_keeps_recall_and_lowers_the_threshold",
    "lesson.misspecified.opt0": "quiz option, wrong on purpose; the answer is tested in tests/app/test_lessons.py::test_on_a_misspecified_shape_weights_are_more_than_a_moved_threshold",
    "lesson.misspecified.opt2": "quiz option, wrong on purpose; the answer is tested in tests/app/test_lessons.py::test_on_a_misspecified_shape_weights_are_more_than_a_moved_threshold",
    "lesson.plain.opt0": "quiz option that is wrong on purpose (refuted by tests/app/test_lessons.py::test_plain_bce_learns_to_predict_class_0)",
    "lesson.plain.title": "step title naming the setting (1:1000), not a claim",
    "lesson.schemes.opt0": "quiz option that is wrong on purpose (the lesson measures the three ratios)",
    "lesson.schemes.opt1": "quiz option that is wrong on purpose (ISNS is the smallest ratio, INS the largest)",
    "lesson.smote.opt0": "quiz option, wrong on purpose; the answer is tested in tests/app/test_lessons.py::test_smote_and_weights_inflate_probabilities",
    "lesson.smote.opt2": "quiz option, wrong on purpose; the answer is tested in tests/app/test_lessons.py::test_smote_and_weights_inflate_probabilities",
    "lesson.surface.opt1": "quiz option, wrong on purpose; the answer is tested in tests/lib/studies/test_lessons.py::test_lesson_surface_numbers_tell_the_corrected_story",
    "lesson.surface.question": "quiz question; the answer (opt0) is tested",
    "lesson.threshold.opt2": "quiz option, wrong on purpose; the answer is tested in tests/lib/studies/test_lessons.py::test_lesson_threshold_numbers_tell_the_corrected_story",
    "lesson.threshold.question": "quiz question; the answer (opt1) is tested",
    "lesson.validation.opt1": "A quiz option that is wrong on purpose; tests/app/test_lessons.py::test_weighted_model_has_worse_validation_loss_but_better_recall shows the log-loss gets worse.",
    "metrics.f05": "label: names the F-beta column (beta = 0.5, lib.metrics.per_class_report's default)",
    "overview.baseline": LABEL,
    "overview.n0": LABEL,
    "overview.n1": LABEL,
    "overview.title": "title: names the app's example ratio (1:1000), the default of lib.settings.Settings",
    "prevalence.shift_heading": "a section heading; 'shift' names the topic (label shift), it states no direction",
    "proba.col.predicted": "label: names the column; views/probabilities.py computes mean(p >= 0.5)",
    "proba.diagonal": "legend: names the diagonal of the reliability diagram",
    "proba.hist_title": "title: names the chart (class-1 probabilities by true class)",
    "proba.note_smote": "label: names the correction applied and its measured w1",
    "proba.note_weights": "label: names the class weights used, as measured",
    "proba.p_axis": "label: names the axis (predicted p(class 1), log scale)",
    "proba.rel_y": "label: names the axis (observed frequency of class 1, log scale)",
    "resampling.copies": "legend: describes the marker (ring size 6 + 2.5 log2(copies) in views/resampling.py) and shows the measured mean",
    "schemes.head": "control label (samples of the most frequent class)",
    "sidebar.reset_weights": LABEL,
    "sidebar.w0_help": "definition of the control (the weight of class 0 in the loss), no measurable claim",
    "sidebar.w1_help": "definition of the control (the weight of class 1 in the loss), no measurable claim",
    "strategy.focal.name": LABEL,
    "strategy.threshold.name": LABEL,
    "surface.log_ratio": LABEL,
    "surface.slice_heading": LABEL,
    "surface.title_unweighted": LABEL,
    "surface.title_weighted": LABEL,
    "sw.cls1w": "Slider label; the digit names class 1.",
    "sw.col_x1": "Column label: the first feature.",
    "sw.col_x2": "Column label: the second feature.",
    "sw.m_shift_class": "Label of a measured value (boundary_shifts); its help text defines it.",
    "sw.m_shift_picked": "Label of a measured value (boundary_shifts); its help text is tested.",
    "sw.map_class_title": "Chart title echoing the slider's class_weight value.",
    "thresholds.agree": LABEL,
    "thresholds.cost_bayes_help": "definition of the metric next to it: average cost at t = c_FP/(c_FP+c_FN)",
    "thresholds.cost_fn": LABEL,
    "thresholds.cost_half": LABEL,
    "thresholds.cost_heading": LABEL,
    "thresholds.gap.agreement": "label: names a row of the shape-vs-Gaussian table; values from lib.thresholds.weighting_gap_row (test_gap_row_matches_compare_weighting_and_threshold)",
    "thresholds.gap.precision_moved": "label: names a row of the shape-vs-Gaussian table; values from lib.thresholds.weighting_gap_row (test_gap_row_matches_compare_weighting_and_threshold)",
    "thresholds.gap.precision_weighted": "label: names a row of the shape-vs-Gaussian table; values from lib.thresholds.weighting_gap_row (test_gap_row_matches_compare_weighting_and_threshold)",
    "thresholds.gap.recall_moved": "label: names a row of the shape-vs-Gaussian table; values from lib.thresholds.weighting_gap_row (test_gap_row_matches_compare_weighting_and_threshold)",
    "thresholds.gap.recall_weighted": "label: names a row of the shape-vs-Gaussian table; values from lib.thresholds.weighting_gap_row (test_gap_row_matches_compare_weighting_and_threshold)",
    "thresholds.gap.slope_change": "label: names a row of the shape-vs-Gaussian table; values from lib.thresholds.weighting_gap_row (test_gap_row_matches_compare_weighting_and_threshold)",
    "thresholds.point.implied": LABEL,
    "thresholds.point.weighted": LABEL,
    "thresholds.same_heading": LABEL,
    "thresholds.t_help": "definition of the control: the decision rule p ≥ t",
    "thresholds.title": LABEL,
    "trainloss.col_w0": "Column label (the class-0 weight of each row); the digit is part of a name.",
    "trainloss.col_w1": "Column label (the class-1 weight of each row); the digit is part of a name.",
    "trainloss.metrics_title": "Chart title naming what is drawn (class-1 precision and recall); the curves are measured values.",
    "upload.drop_missing": "label: names the checkbox",
    "upload.positive": "label: names the control (positive class = class 1)",
    "upload.ratio": "label: names the metric (class 1 : class 0)",
    "upload.ratio_help": "help: defines the metric next to it; views/your_data.py computes (n - n1) / n1",
}


def flagged_keys() -> list[str]:
    """The explanatory keys whose English text states a number or a direction."""
    return sorted(
        key
        for key, text in catalogue("en").items()
        if not key.startswith(NOT_EXPLANATORY) and states_a_claim(text)
    )


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    }


def test_every_explanatory_claim_has_a_test():
    missing = [key for key in flagged_keys() if key not in CLAIMS and key not in NOT_CLAIMS]
    assert missing == [], f"explanations with a number or direction but no test: {missing}"


def test_the_lists_name_real_keys_once():
    keys = set(catalogue("en"))
    assert set(CLAIMS) <= keys and set(NOT_CLAIMS) <= keys
    assert not set(CLAIMS) & set(NOT_CLAIMS)
    assert all(reason.strip() for reason in NOT_CLAIMS.values())


@pytest.mark.parametrize("key", sorted(CLAIMS))
def test_every_claim_names_existing_tests(key):
    assert CLAIMS[key], key
    for node in CLAIMS[key]:
        file, _, name = node.partition("::")
        path = ROOT / file
        assert path.is_file(), node
        assert name.split("[")[0] in _test_names(path), node


@pytest.mark.parametrize(
    "text",
    [
        "At 1:1000 the rare class gives under 1 % of the gradient.",
        "Balanced weights move the boundary towards class 0.",
        "The slope barely changes.",
    ],
)
def test_the_detector_flags_numbers_and_directions(text):
    assert states_a_claim(text)


@pytest.mark.parametrize(
    "text",
    [
        "Class weights",
        "Choose a strategy {name}.",
        "The loss $w_1 y \\log p$ per sample.",
    ],
)
def test_the_detector_ignores_labels_placeholders_and_formulas(text):
    assert not states_a_claim(text)

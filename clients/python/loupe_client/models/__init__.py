"""Contains all the data models used in inputs/outputs"""

from .answer import Answer
from .answer_answer import AnswerAnswer
from .api_key import APIKey
from .api_key_create import APIKeyCreate
from .api_key_create_mode_type_1 import APIKeyCreateModeType1
from .api_key_create_role_type_1 import APIKeyCreateRoleType1
from .api_key_list import APIKeyList
from .api_key_mode import APIKeyMode
from .api_key_role import APIKeyRole
from .assignment import Assignment
from .assignment_envelope import AssignmentEnvelope
from .assignment_list import AssignmentList
from .assignment_status import AssignmentStatus
from .batch import Batch
from .batch_counts import BatchCounts
from .batch_create import BatchCreate
from .batch_create_metadata_type_0 import BatchCreateMetadataType0
from .batch_failure import BatchFailure
from .batch_failures import BatchFailures
from .batch_list import BatchList
from .batch_status import BatchStatus
from .callback_auth_key import CallbackAuthKey
from .callback_auth_key_mode import CallbackAuthKeyMode
from .callback_settings import CallbackSettings
from .callback_settings_auth_type_0 import CallbackSettingsAuthType0
from .callback_settings_auth_type_1 import CallbackSettingsAuthType1
from .callback_settings_auth_type_2 import CallbackSettingsAuthType2
from .callback_settings_auth_type_3 import CallbackSettingsAuthType3
from .callback_settings_auth_type_4 import CallbackSettingsAuthType4
from .callback_settings_auth_type_5_type_0 import CallbackSettingsAuthType5Type0
from .callback_settings_auth_type_5_type_1 import CallbackSettingsAuthType5Type1
from .callback_settings_auth_type_5_type_2 import CallbackSettingsAuthType5Type2
from .callback_settings_auth_type_5_type_3 import CallbackSettingsAuthType5Type3
from .callback_settings_auth_type_5_type_4 import CallbackSettingsAuthType5Type4
from .callback_settings_auth_type_6_type_0 import CallbackSettingsAuthType6Type0
from .callback_settings_auth_type_6_type_1 import CallbackSettingsAuthType6Type1
from .callback_settings_auth_type_6_type_2 import CallbackSettingsAuthType6Type2
from .callback_settings_auth_type_6_type_3 import CallbackSettingsAuthType6Type3
from .callback_settings_auth_type_6_type_4 import CallbackSettingsAuthType6Type4
from .callback_settings_events_type_0_item import CallbackSettingsEventsType0Item
from .callback_settings_retry_type_0 import CallbackSettingsRetryType0
from .callback_settings_retry_type_0_preset_type_1 import CallbackSettingsRetryType0PresetType1
from .decision_result import DecisionResult
from .decision_result_task import DecisionResultTask
from .decision_result_task_status import DecisionResultTaskStatus
from .delete_result import DeleteResult
from .delivery_ack import DeliveryAck
from .delivery_ack_result import DeliveryAckResult
from .delivery_attempt import DeliveryAttempt
from .delivery_page import DeliveryPage
from .error import Error
from .error_error import ErrorError
from .error_error_details_item import ErrorErrorDetailsItem
from .event import Event
from .event_event import EventEvent
from .event_list import EventList
from .event_status import EventStatus
from .export_project_format import ExportProjectFormat
from .get_open_api_response_200 import GetOpenApiResponse200
from .health import Health
from .health_status import HealthStatus
from .json_schema_type_0 import JSONSchemaType0
from .lease import Lease
from .list_callback_auth_keys_response_200 import ListCallbackAuthKeysResponse200
from .list_deliveries_match import ListDeliveriesMatch
from .list_events_status import ListEventsStatus
from .list_projects_include import ListProjectsInclude
from .logged_out import LoggedOut
from .login import Login
from .me import Me
from .my_project import MyProject
from .my_projects import MyProjects
from .outcome import Outcome
from .outcome_results_item import OutcomeResultsItem
from .param_version import ParamVersion
from .param_version_params import ParamVersionParams
from .predictions_import import PredictionsImport
from .predictions_import_format import PredictionsImportFormat
from .predictions_result import PredictionsResult
from .predictions_result_failures_item import PredictionsResultFailuresItem
from .preferences import Preferences
from .preferences_result import PreferencesResult
from .preferences_result_preferences import PreferencesResultPreferences
from .preferences_result_preferences_shortcuts import PreferencesResultPreferencesShortcuts
from .preferences_shortcuts import PreferencesShortcuts
from .preferences_update import PreferencesUpdate
from .preferences_update_shortcuts_type_0 import PreferencesUpdateShortcutsType0
from .priority_result import PriorityResult
from .project import Project
from .project_create import ProjectCreate
from .project_create_metadata_type_0 import ProjectCreateMetadataType0
from .project_create_params_type_0 import ProjectCreateParamsType0
from .project_list import ProjectList
from .project_metadata import ProjectMetadata
from .project_params import ProjectParams
from .project_patch import ProjectPatch
from .project_patch_metadata_type_0 import ProjectPatchMetadataType0
from .project_patch_params_type_0 import ProjectPatchParamsType0
from .project_settings import ProjectSettings
from .project_stats import ProjectStats
from .project_stats_counts import ProjectStatsCounts
from .project_stats_throughput import ProjectStatsThroughput
from .project_stats_throughput_points_item import ProjectStatsThroughputPointsItem
from .queue_filter import QueueFilter
from .released import Released
from .resent import Resent
from .result_list import ResultList
from .result_verdict import ResultVerdict
from .result_verdict_decision import ResultVerdictDecision
from .review import Review
from .review_decision import ReviewDecision
from .review_decision_answer_type_0 import ReviewDecisionAnswerType0
from .review_decision_decision_type_1 import ReviewDecisionDecisionType1
from .review_review import ReviewReview
from .rework import Rework
from .rotate import Rotate
from .rotate_callback_auth_key_mode import RotateCallbackAuthKeyMode
from .session import Session
from .session_roles_item import SessionRolesItem
from .submit_staged_tasks_response_200 import SubmitStagedTasksResponse200
from .submitted import Submitted
from .task import Task
from .task_create import TaskCreate
from .task_create_data import TaskCreateData
from .task_create_metadata_type_0 import TaskCreateMetadataType0
from .task_create_prefill_type_0 import TaskCreatePrefillType0
from .task_create_urgency_type_1 import TaskCreateUrgencyType1
from .task_data import TaskData
from .task_i_ds import TaskIDs
from .task_ids import TaskIds
from .task_list import TaskList
from .task_metadata import TaskMetadata
from .task_metadata_update import TaskMetadataUpdate
from .task_metadata_update_metadata import TaskMetadataUpdateMetadata
from .task_prefill import TaskPrefill
from .task_priority import TaskPriority
from .task_status import TaskStatus
from .task_tags import TaskTags
from .task_urgency import TaskUrgency
from .user import User
from .user_create import UserCreate
from .user_create_roles_item import UserCreateRolesItem
from .user_list import UserList
from .user_roles_item import UserRolesItem
from .webhook_secret import WebhookSecret
from .webhook_secrets import WebhookSecrets
from .work_task import WorkTask
from .work_task_aggregate import WorkTaskAggregate
from .work_task_params import WorkTaskParams
from .worker_stats import WorkerStats
from .worker_stats_list import WorkerStatsList
from .workflow_settings import WorkflowSettings
from .workflow_settings_review_type_0 import WorkflowSettingsReviewType0
from .workflow_settings_review_type_0_strategy_type_1 import WorkflowSettingsReviewType0StrategyType1
from .workflow_settings_workers_type_0 import WorkflowSettingsWorkersType0
from .workflow_settings_workers_type_0_strategy_type_1 import WorkflowSettingsWorkersType0StrategyType1
from .workflow_settings_workers_type_0_weights_type_0 import WorkflowSettingsWorkersType0WeightsType0

__all__ = (
    "Answer",
    "AnswerAnswer",
    "APIKey",
    "APIKeyCreate",
    "APIKeyCreateModeType1",
    "APIKeyCreateRoleType1",
    "APIKeyList",
    "APIKeyMode",
    "APIKeyRole",
    "Assignment",
    "AssignmentEnvelope",
    "AssignmentList",
    "AssignmentStatus",
    "Batch",
    "BatchCounts",
    "BatchCreate",
    "BatchCreateMetadataType0",
    "BatchFailure",
    "BatchFailures",
    "BatchList",
    "BatchStatus",
    "CallbackAuthKey",
    "CallbackAuthKeyMode",
    "CallbackSettings",
    "CallbackSettingsAuthType0",
    "CallbackSettingsAuthType1",
    "CallbackSettingsAuthType2",
    "CallbackSettingsAuthType3",
    "CallbackSettingsAuthType4",
    "CallbackSettingsAuthType5Type0",
    "CallbackSettingsAuthType5Type1",
    "CallbackSettingsAuthType5Type2",
    "CallbackSettingsAuthType5Type3",
    "CallbackSettingsAuthType5Type4",
    "CallbackSettingsAuthType6Type0",
    "CallbackSettingsAuthType6Type1",
    "CallbackSettingsAuthType6Type2",
    "CallbackSettingsAuthType6Type3",
    "CallbackSettingsAuthType6Type4",
    "CallbackSettingsEventsType0Item",
    "CallbackSettingsRetryType0",
    "CallbackSettingsRetryType0PresetType1",
    "DecisionResult",
    "DecisionResultTask",
    "DecisionResultTaskStatus",
    "DeleteResult",
    "DeliveryAck",
    "DeliveryAckResult",
    "DeliveryAttempt",
    "DeliveryPage",
    "Error",
    "ErrorError",
    "ErrorErrorDetailsItem",
    "Event",
    "EventEvent",
    "EventList",
    "EventStatus",
    "ExportProjectFormat",
    "GetOpenApiResponse200",
    "Health",
    "HealthStatus",
    "JSONSchemaType0",
    "Lease",
    "ListCallbackAuthKeysResponse200",
    "ListDeliveriesMatch",
    "ListEventsStatus",
    "ListProjectsInclude",
    "LoggedOut",
    "Login",
    "Me",
    "MyProject",
    "MyProjects",
    "Outcome",
    "OutcomeResultsItem",
    "ParamVersion",
    "ParamVersionParams",
    "PredictionsImport",
    "PredictionsImportFormat",
    "PredictionsResult",
    "PredictionsResultFailuresItem",
    "Preferences",
    "PreferencesResult",
    "PreferencesResultPreferences",
    "PreferencesResultPreferencesShortcuts",
    "PreferencesShortcuts",
    "PreferencesUpdate",
    "PreferencesUpdateShortcutsType0",
    "PriorityResult",
    "Project",
    "ProjectCreate",
    "ProjectCreateMetadataType0",
    "ProjectCreateParamsType0",
    "ProjectList",
    "ProjectMetadata",
    "ProjectParams",
    "ProjectPatch",
    "ProjectPatchMetadataType0",
    "ProjectPatchParamsType0",
    "ProjectSettings",
    "ProjectStats",
    "ProjectStatsCounts",
    "ProjectStatsThroughput",
    "ProjectStatsThroughputPointsItem",
    "QueueFilter",
    "Released",
    "Resent",
    "ResultList",
    "ResultVerdict",
    "ResultVerdictDecision",
    "Review",
    "ReviewDecision",
    "ReviewDecisionAnswerType0",
    "ReviewDecisionDecisionType1",
    "ReviewReview",
    "Rework",
    "Rotate",
    "RotateCallbackAuthKeyMode",
    "Session",
    "SessionRolesItem",
    "SubmitStagedTasksResponse200",
    "Submitted",
    "Task",
    "TaskCreate",
    "TaskCreateData",
    "TaskCreateMetadataType0",
    "TaskCreatePrefillType0",
    "TaskCreateUrgencyType1",
    "TaskData",
    "TaskIds",
    "TaskIDs",
    "TaskList",
    "TaskMetadata",
    "TaskMetadataUpdate",
    "TaskMetadataUpdateMetadata",
    "TaskPrefill",
    "TaskPriority",
    "TaskStatus",
    "TaskTags",
    "TaskUrgency",
    "User",
    "UserCreate",
    "UserCreateRolesItem",
    "UserList",
    "UserRolesItem",
    "WebhookSecret",
    "WebhookSecrets",
    "WorkerStats",
    "WorkerStatsList",
    "WorkflowSettings",
    "WorkflowSettingsReviewType0",
    "WorkflowSettingsReviewType0StrategyType1",
    "WorkflowSettingsWorkersType0",
    "WorkflowSettingsWorkersType0StrategyType1",
    "WorkflowSettingsWorkersType0WeightsType0",
    "WorkTask",
    "WorkTaskAggregate",
    "WorkTaskParams",
)

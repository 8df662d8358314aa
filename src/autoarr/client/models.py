"""Typed requests and answers of AutoArr's health, downloads, configuration, settings and MCP endpoints.

Answers keep fields they do not know (`extra="allow"`), so a newer server never breaks an older client;
`to_wire()` gives back the JSON shape the server sent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_serializer

ServiceName = Literal["sabnzbd", "sonarr", "radarr", "plex"]
SERVICES: tuple[ServiceName, ...] = ("sabnzbd", "sonarr", "radarr", "plex")
HealthStatus = Literal["healthy", "degraded", "unhealthy"]
BreakerState = Literal["closed", "open", "half_open"]


class ApiModel(BaseModel):
    """An answer from AutoArr: unknown fields are kept, fields are read by name or by wire alias."""

    # Schemas are built on first use: `autoarr status` should not pay for sixty models it never reads.
    model_config = ConfigDict(extra="allow", validate_by_name=True, validate_by_alias=True, defer_build=True)

    def to_wire(self) -> dict[str, Any]:
        """The JSON the server sent (wire names, ISO times, unknown fields kept; fields it left out stay out)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class RequestModel(BaseModel):
    """A request body: typed, misspelt fields refused here; the values themselves are the server's to judge."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class Pagination(ApiModel):
    page: int
    page_size: int
    total_items: int
    total_pages: int


# Health


class ServiceHealth(ApiModel):
    healthy: bool
    latency_ms: float | None = None
    error: str | None = None
    last_check: datetime | None = Field(default=None, description="None before the first check")
    circuit_breaker_state: BreakerState


class Health(ApiModel):
    status: HealthStatus
    services: dict[str, ServiceHealth] = Field(description="Enabled services only")
    timestamp: datetime


class CircuitBreaker(ApiModel):
    state: BreakerState
    failure_count: int
    success_count: int
    threshold: int = Field(description="Consecutive failures that open the circuit")
    timeout: float = Field(description="Seconds before a half-open probe")


# Downloads (SABnzbd)


class QueueItem(ApiModel):
    nzo_id: str
    filename: str
    mb_left: float
    mb: float
    percentage: int
    eta: str = Field(description="Time left, HH:MM:SS")
    status: str
    priority: str


class Queue(ApiModel):
    queue: list[QueueItem]
    speed: str
    size_left: str
    paused: bool
    disk_space: str


class HistoryItem(ApiModel):
    nzo_id: str
    name: str
    category: str
    status: str = Field(description="Completed, Failed, or a post-processing stage")
    fail_message: str
    size: str
    completed: datetime | None = Field(default=None, description="None while post-processing")


class History(ApiModel):
    history: list[HistoryItem]
    total: int


class RetryResult(ApiModel):
    success: bool
    message: str
    nzo_id: str
    new_nzo_id: str


class QueueState(ApiModel):
    success: bool
    paused: bool
    queue_status: str


class DeleteDownloadResult(ApiModel):
    success: bool
    message: str
    nzo_id: str


class RecoveryAttempt(ApiModel):
    """What automatic recovery did about one failed download."""

    id: int
    download_id: str
    title: str
    owner: str = Field(description="sonarr, radarr or none: who grabbed the download")
    action: str = Field(description="left_to_owner, mark_failed, retry, give_up or report")
    result: str = Field(description="pending, done, failed or skipped")
    attempt: int
    detail: str | None = None
    new_download_id: str | None = Field(default=None, description="The job a SABnzbd retry created")
    due_at: datetime | None = Field(default=None, description="When a pending retry runs")
    created_at: datetime
    updated_at: datetime


class RecoveryPage(ApiModel):
    attempts: list[RecoveryAttempt]
    pagination: Pagination


# Configuration audit


class AuditRequest(RequestModel):
    services: list[str]
    include_web_search: bool = True


class ServiceSummary(ApiModel):
    issues_found: int
    recommendations: int
    error: dict[str, Any] | None = Field(default=None, description="Why this service could not be audited")


class WebSearchInfo(ApiModel):
    used: bool
    reason: str | None = None


class AuditResult(ApiModel):
    audit_id: str
    timestamp: datetime
    services_audited: list[str]
    total_recommendations: int
    recommendations_by_priority: dict[str, int]
    summary: dict[str, ServiceSummary]
    web_search: WebSearchInfo | None = None
    cross_service: ServiceSummary | None = Field(default=None, description="Rules comparing services")

    @property
    def failed_services(self) -> list[str]:
        """The services that could not be audited."""
        return [name for name, summary in self.summary.items() if summary.error is not None]


class Recommendation(ApiModel):
    id: int
    service: str
    category: str = Field(description="performance, security or best_practices")
    setting_name: str
    current_value: Any = None
    recommended_value: Any = None
    priority: str = Field(description="critical, high, medium or low")
    rationale: str
    impact: str
    applied: bool
    created_at: datetime


class RecommendationDetail(Recommendation):
    explanation: str
    references: list[str]
    applied_at: datetime | None = None
    status: str | None = Field(default=None, description="open, applied, rolled_back or resolved")
    setting_path: str | None = None
    rule_id: str | None = None
    auto_apply: bool | None = None


class RecommendationPage(ApiModel):
    recommendations: list[Recommendation]
    pagination: Pagination
    filters_applied: dict[str, str] = Field(default_factory=dict)


class AuditHistoryItem(ApiModel):
    audit_id: str
    timestamp: datetime
    services: list[str]
    total_recommendations: int
    critical_count: int
    high_count: int
    medium_count: int
    low_count: int
    applied_count: int


class AuditHistory(ApiModel):
    audits: list[AuditHistoryItem]
    pagination: Pagination


class ApplyRequest(RequestModel):
    recommendation_ids: list[int]
    dry_run: bool = False


class RollbackRequest(ApplyRequest):
    force: bool = Field(default=False, description="Restore even if the value was changed outside AutoArr since")


class ApplyItem(ApiModel):
    recommendation_id: int
    success: bool
    message: str
    previous_value: Any = None
    new_value: Any = None
    rollback_available: bool | None = None
    error: str | None = Field(default=None, description="The error code when success is false")


class ApplySummary(ApiModel):
    total: int
    successful: int
    failed: int


class ApplyResult(ApiModel):
    """The answer of apply and of rollback: one result per recommendation."""

    results: list[ApplyItem]
    summary: ApplySummary
    dry_run: bool


# Settings


class McpServerSettings(ApiModel):
    enabled: bool
    url: str | None = None
    connected: bool | None = None
    api_key_set: bool | None = Field(default=None, description="Whether a key is stored (never the key itself)")
    token_set: bool | None = Field(default=None, description="Plex: whether a token is stored")
    timeout_seconds: float | None = None
    verify_tls: bool | None = None


class LlmSettings(ApiModel):
    provider: str = Field(description="none, claude or openai")
    model: str | None = None
    base_url: str | None = None
    api_key_set: bool | None = None


class AuditSettings(ApiModel):
    auto_audit_enabled: bool
    auto_audit_interval_hours: int


class MonitoringSettings(ApiModel):
    download_poll_seconds: float
    health_interval_seconds: float


class CircuitBreakerSettings(ApiModel):
    failure_threshold: int
    timeout_seconds: float


class RecoverySettings(ApiModel):
    enabled: bool
    retry_limit: int
    backoff_seconds: float
    mark_failed: dict[str, bool] = Field(default_factory=dict, description="By service: sonarr, radarr")


class AutoArrSettings(ApiModel):
    mcp_servers: dict[str, McpServerSettings]
    llm: LlmSettings | None = None
    audit: AuditSettings | None = None
    monitoring: MonitoringSettings | None = None
    rate_limits: dict[str, str] | None = Field(default=None, description='By category, e.g. {"general": "100/minute"}')
    circuit_breaker: CircuitBreakerSettings | None = None
    recovery: RecoverySettings | None = None


class _SecretsOut(BaseModel):
    """Secrets stay hidden in repr and logs, and are sent in clear only in the request body."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    @field_serializer("*", when_used="json")
    def _reveal(self, value: Any) -> Any:
        return value.get_secret_value() if isinstance(value, SecretStr) else value


class McpServerUpdate(_SecretsOut):
    enabled: bool | None = None
    url: str | None = None
    api_key: SecretStr | None = None
    token: SecretStr | None = Field(default=None, description="Plex only")
    timeout_seconds: float | None = None
    verify_tls: bool | None = None


class LlmUpdate(_SecretsOut):
    provider: str | None = None
    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = None


class AuditSettingsUpdate(_SecretsOut):
    auto_audit_enabled: bool | None = None
    auto_audit_interval_hours: int | None = None


class MonitoringUpdate(_SecretsOut):
    download_poll_seconds: float | None = None
    health_interval_seconds: float | None = None


class CircuitBreakerUpdate(_SecretsOut):
    failure_threshold: int | None = None
    timeout_seconds: float | None = None


class RecoveryUpdate(_SecretsOut):
    enabled: bool | None = None
    retry_limit: int | None = None
    backoff_seconds: float | None = None
    mark_failed: dict[str, bool | None] | None = None


class SettingsUpdate(_SecretsOut):
    """A partial update: only the fields you set are sent; a field set to None reverts to the environment's value."""

    mcp_servers: dict[str, McpServerUpdate] | None = None
    llm: LlmUpdate | None = None
    audit: AuditSettingsUpdate | None = None
    monitoring: MonitoringUpdate | None = None
    rate_limits: dict[str, str | None] | None = None
    circuit_breaker: CircuitBreakerUpdate | None = None
    recovery: RecoveryUpdate | None = None


class SettingsUpdateResult(ApiModel):
    success: bool
    message: str
    updated_settings: dict[str, Any] = Field(default_factory=dict)


# MCP proxy


class McpToolParameter(ApiModel):
    type: str = Field(description='JSON schema type, e.g. "integer", or a union such as "string | integer"')
    description: str = ""
    default: Any = Field(default=None, description="Present when the argument is optional")


class McpTool(ApiModel):
    name: str
    description: str = ""
    parameters: dict[str, McpToolParameter] = Field(default_factory=dict)


class McpToolList(ApiModel):
    server: str
    tools: list[McpTool]


class McpCallRequest(RequestModel):
    tool: str
    arguments: dict[str, Any] = Field(default_factory=dict)


class McpCallResult(ApiModel):
    result: Any = Field(default=None, description="The tool's structured output")
    execution_time_ms: float

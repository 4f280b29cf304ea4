"""The audit-log view (操作日志): a read-only, filterable list of who changed what, exportable to Excel."""

from desktop.audit_log.dialog import AuditLogDialog

__all__ = ["AuditLogDialog"]

// The intervention workflow as the gateway enforces it (Sources/Domain/InterventionStatus.swift),
// so the console offers only the moves the signed-in role may make. The gateway still decides;
// a test compares this table with the Swift one, move by move and role by role.

/** [from, to, roles allowed]. */
export const MOVES = /* moves */ [
  ["draft", "planned", ["project_manager", "manager", "tenant_admin"]],
  ["planned", "assigned", ["site_lead", "project_manager", "manager", "tenant_admin"]],
  ["assigned", "planned", ["site_lead", "project_manager", "manager", "tenant_admin"]],
  ["assigned", "in_progress", ["technician", "site_lead", "project_manager", "manager", "tenant_admin"]],
  ["in_progress", "done", ["technician", "site_lead", "project_manager", "manager", "tenant_admin"]],
  ["done", "in_progress", ["site_lead", "project_manager", "manager", "tenant_admin"]],
  ["done", "validated", ["site_lead", "project_manager", "manager", "tenant_admin"]],
  ["validated", "invoiced", ["manager", "tenant_admin"]],
  ["planned", "blocked", ["technician", "site_lead", "project_manager", "manager", "tenant_admin"]],
  ["blocked", "planned", ["site_lead", "project_manager", "manager", "tenant_admin"]],
  ["assigned", "blocked", ["technician", "site_lead", "project_manager", "manager", "tenant_admin"]],
  ["blocked", "assigned", ["site_lead", "project_manager", "manager", "tenant_admin"]],
  ["in_progress", "blocked", ["technician", "site_lead", "project_manager", "manager", "tenant_admin"]],
  ["blocked", "in_progress", ["site_lead", "project_manager", "manager", "tenant_admin"]],
  ["draft", "cancelled", ["project_manager", "manager", "tenant_admin"]],
  ["planned", "cancelled", ["project_manager", "manager", "tenant_admin"]],
  ["assigned", "cancelled", ["project_manager", "manager", "tenant_admin"]],
  ["in_progress", "cancelled", ["project_manager", "manager", "tenant_admin"]],
  ["blocked", "cancelled", ["project_manager", "manager", "tenant_admin"]]
] /* end moves */;

export const STATUSES = ['draft', 'planned', 'assigned', 'in_progress', 'done', 'validated', 'invoiced', 'blocked', 'cancelled'];

/** The statuses `role` may move an intervention to from `status`. */
export const nextStatuses = (status, role) => MOVES.filter(([from, , roles]) => from === status && roles.includes(role)).map(([, to]) => to);

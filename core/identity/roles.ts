/**
 * Roles in Council Hub. Ids are stable: they appear in tokens (Entra app roles), the sample directory and
 * SharePoint lists, so rename the label, never the id.
 */
export const ROLES = [
  "staff",
  "line_manager",
  "case_officer",
  "governance_approver",
  "comms_editor",
  "comms_lead",
  "survey_author",
  "admin",
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  staff: "Staff",
  line_manager: "Line manager",
  case_officer: "Case officer (assistive technology and occupational health)",
  governance_approver: "Technology governance approver",
  comms_editor: "Communications editor",
  comms_lead: "Communications lead",
  survey_author: "Survey author",
  admin: "Administrator",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

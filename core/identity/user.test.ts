import { AppError } from "../shared/app-error";
import type { Role } from "./roles";
import { hasRole, requireRole } from "./user";

const withRoles = (...roles: Role[]): { roles: readonly Role[] } => ({ roles });

describe("requireRole", () => {
  it("passes when the principal has the role", () => {
    expect(() => requireRole(withRoles("staff", "line_manager"), "line_manager")).not.toThrow();
  });

  it("passes when the principal has any one of several roles", () => {
    expect(() => requireRole(withRoles("comms_editor"), "comms_lead", "comms_editor")).not.toThrow();
  });

  it("throws a 403 AppError when the principal lacks every role", () => {
    let thrown: unknown;
    try {
      requireRole(withRoles("staff"), "case_officer", "governance_approver");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).status).toBe(403);
    expect((thrown as AppError).code).toBe("forbidden");
  });

  it("throws for a principal with no roles at all", () => {
    expect(() => requireRole(withRoles(), "staff")).toThrow(AppError);
  });

  it("lets an admin through every role check", () => {
    expect(() => requireRole(withRoles("admin"), "case_officer")).not.toThrow();
    expect(() => requireRole(withRoles("admin"), "governance_approver", "survey_author")).not.toThrow();
  });
});

describe("hasRole", () => {
  it("answers without throwing", () => {
    expect(hasRole(withRoles("staff"), "staff")).toBe(true);
    expect(hasRole(withRoles("staff"), "admin")).toBe(false);
    expect(hasRole(withRoles("admin"), "comms_lead")).toBe(true);
  });
});

import { AppError } from "../shared/app-error";
import type { Role } from "./roles";

/** A member of council staff as the directory knows them. `upn` is the sign-in name and the stable key. */
export interface StaffUser {
  readonly upn: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly department: string;
  /** The line manager's UPN, where the directory has one. */
  readonly managerUpn?: string;
}

/** Who is making a request, after the edge has validated their token. */
export interface Principal {
  readonly upn: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** Entra object id (oid) in production; the UPN in local dev mode. */
  readonly id: string;
  readonly tenantId: string;
}

export function hasRole(principal: Pick<Principal, "roles">, ...anyOf: Role[]): boolean {
  return principal.roles.includes("admin") || anyOf.some((role) => principal.roles.includes(role));
}

/** Throws 403 unless the principal has one of the roles (admins pass every role check). */
export function requireRole(principal: Pick<Principal, "roles">, ...anyOf: Role[]): void {
  if (!hasRole(principal, ...anyOf)) throw AppError.forbidden();
}

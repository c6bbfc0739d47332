import type { NextFunction, Request, Response } from "express";
import { AppError, type Principal } from "../../core";
import type { TokenValidator } from "./token-validator";

const BEARER = /^Bearer ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]*)$/;

/**
 * express middleware: every request below it carries a validated principal in `res.locals.principal`, and the
 * token it came from in `res.locals.bearerToken` (the assertion for on-behalf-of Graph calls).
 */
export function authenticate(validator: TokenValidator) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get("authorization");
    if (!header) throw AppError.unauthorized("Sign in to continue: the request had no access token.");
    const match = BEARER.exec(header.trim());
    if (!match?.[1]) throw AppError.unauthorized("The access token is not a bearer JWT.");
    res.locals.principal = await validator.validate(match[1]);
    res.locals.bearerToken = match[1];
    next();
  };
}

/** The principal set by `authenticate`. Throws (401) if a route forgot to mount it: fail closed. */
export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw AppError.unauthorized();
  return principal;
}

/**
 * The validated bearer token of this request, to exchange on-behalf-of the user for a Graph token. Never log it.
 * Throws (401) if `authenticate` did not run, so an unvalidated token can never reach the OBO exchange.
 */
export function bearerTokenOf(res: Response): string {
  const token = res.locals.bearerToken as string | undefined;
  if (!token || !res.locals.principal) throw AppError.unauthorized();
  return token;
}

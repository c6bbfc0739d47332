import { Router } from "express";
import { z } from "zod";
import { AppError, type HubServices } from "../../core";
import type { DevIssuer } from "../auth/dev-issuer";
import { parseInput } from "../http/validate";

const tokenRequest = z.object({ user: z.string().trim().min(1, "user (a sample user's UPN) is required").max(320) });

/**
 * Local dev sign-in: list the sample users and issue a token for one. Mounted only when AUTH_MODE=dev, which
 * config refuses under NODE_ENV=production. This is what the tabs' dev sign-in and the API tests use.
 */
export function devRoutes(services: HubServices, issuer: DevIssuer): Router {
  const router = Router();

  router.get("/users", async (_req, res) => {
    const users = await services.directory.list();
    res.json(users.map((u) => ({ upn: u.upn, name: u.name, roles: u.roles, department: u.department, ...(u.managerUpn ? { managerUpn: u.managerUpn } : {}) })));
  });

  router.post("/token", async (req, res) => {
    const { user: upn } = parseInput(tokenRequest, req.body, "token request");
    const user = await services.directory.findByUpn(upn);
    if (!user) throw AppError.notFound(`The sample user ${upn}`);
    const { token, expiresAt } = await issuer.issue(user);
    res.json({ token, expiresAt: expiresAt.toISOString(), user: { upn: user.upn, name: user.name, roles: user.roles, department: user.department } });
  });

  router.get("/jwks", (_req, res) => {
    res.json(issuer.jwks);
  });

  return router;
}

import { Router } from "express";
import type { HubServices } from "../../core";
import { principalOf } from "../auth/authenticate";

/** Who am I: the signed-in user as the tabs show them, with directory facts where the directory knows them. */
export function meRoutes(services: HubServices): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    const principal = principalOf(res);
    const user = await services.directory.findByUpn(principal.upn);
    res.json({ upn: principal.upn, name: principal.name, roles: principal.roles, department: user?.department ?? null, managerUpn: user?.managerUpn ?? null });
  });
  return router;
}

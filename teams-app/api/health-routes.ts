import { Router } from "express";
import type { HubServices } from "../../core";
import { errorFields, type Logger } from "../logger";

/** GET /healthz: 200 when every dependency answers, 503 naming the ones that do not (without their errors). */
export function healthRoutes(services: HubServices, log: Logger): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    const checks = await Promise.all(
      services.health.map(async (h) => {
        try {
          await h.check();
          return { name: h.name, ok: true };
        } catch (error) {
          log("error", "health check failed", { check: h.name, ...errorFields(error) });
          return { name: h.name, ok: false };
        }
      }),
    );
    const ok = checks.every((c) => c.ok);
    res.status(ok ? 200 : 503).set("Cache-Control", "no-store").json({ status: ok ? "ok" : "unavailable", checks });
  });
  return router;
}

import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router } from "express";
import { AppError } from "../core";

/** The tabs the host serves; each is built by scripts/build-tabs.mjs into dist/tabs/<name>/index.html. */
export const TAB_NAMES = ["guidance"] as const;

/**
 * Serves the built tabs: `/tabs/<name>` (with or without a trailing slash, query string kept for deep links) and
 * their hashed assets under `/tabs/assets/`. If the tabs were not built, says how to build them.
 */
export function tabsRoutes(tabsDir: string): Router {
  const router = Router();
  router.use("/assets", express.static(join(tabsDir, "assets"), { fallthrough: false, index: false, maxAge: "1h" }));
  router.get("/:tab{/}", (req, res) => {
    const tab = req.params.tab;
    if (!(TAB_NAMES as readonly string[]).includes(tab)) throw AppError.notFound(`The tab "${tab}"`);
    const file = join(tabsDir, tab, "index.html");
    if (!existsSync(file)) throw new AppError("unavailable", "The tabs have not been built. Run `npm run build` and reload.");
    res.set("Cache-Control", "no-cache").sendFile(file);
  });
  return router;
}

import express, { type Router } from "express";
import { ICONS_PATH, TOOLSET_ICONS, toolsetIconSvg } from "../tools/toolset-icons.js";

/**
 * GET /icons/<toolset>.svg, before authentication: a client's UI loads icons as plain images,
 * without the caller's token, often from another origin. The SVGs are built once from constants,
 * carry no script, and are served so that nothing else can be made of them: no sniffing, a CSP
 * that allows nothing, and cacheable for a day (they change only with a release).
 */
export function iconRoutes(): Router {
  const svgs = new Map(
    Object.entries(TOOLSET_ICONS).map(([toolset, icon]) => [`${toolset}.svg`, toolsetIconSvg(icon)]),
  );
  const router = express.Router();
  router.get(`${ICONS_PATH}/:file`, (req, res, next) => {
    const svg = svgs.get(req.params.file);
    if (svg === undefined) return next();
    res.setHeader("Content-Type", "image/svg+xml");
    res.setHeader("Cache-Control", "public, max-age=86400");
    // An <img> on the client's own origin must be able to show it (security-headers says same-origin).
    res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
    res.send(svg);
  });
  return router;
}

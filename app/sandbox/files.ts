// The sandbox's file store: where artifacts.prepare's upload form posts and artifacts.locate's URL
// downloads from. Like the presigned URLs DevRev hands out, these take no bearer token: the
// unguessable token in the path is the permission. Uploads are S3-style multipart POSTs (every
// form_data field, then `file`), answered 204.
import express, { type Request, type Response, type Router } from "express";
import { DOWNLOAD_PATH, UPLOAD_PATH } from "./handlers/artifacts.js";
import type { SandboxState } from "./state.js";

/** Largest upload accepted (an article body is a few KB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const refuse = (res: Response, status: number, type: string, message: string) =>
  res.status(status).json({ type, message });

async function readForm(req: Request): Promise<FormData | undefined> {
  const type = req.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data") || !Buffer.isBuffer(req.body)) return undefined;
  try {
    // undici parses multipart bodies; no upload library needed for one small endpoint.
    return await new globalThis.Response(req.body, { headers: { "content-type": type } }).formData();
  } catch {
    return undefined;
  }
}

export function filesRouter(state: SandboxState): Router {
  const router = express.Router();
  const raw = express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES });

  router.post(`${UPLOAD_PATH}:token`, raw, async (req, res) => {
    const store = state.store;
    const id = store.uploadTokens.get(String(req.params.token));
    const artifact = id ? store.artifacts.get(id) : undefined;
    if (!artifact) return refuse(res, 403, "forbidden", "unknown or used upload URL");
    const form = await readForm(req);
    if (!form) return refuse(res, 400, "bad_request", "expected a multipart/form-data body");
    const file = form.get("file");
    if (!(file instanceof Blob)) return refuse(res, 400, "bad_request", "the form has no `file` field");
    // S3 checks the presigned policy: the form fields must come back as given.
    if (form.get("key") !== `${artifact.id}/${artifact.file_name}`) {
      return refuse(res, 403, "forbidden", "the form's `key` field does not match the prepared upload");
    }
    artifact.content = Buffer.from(await file.arrayBuffer());
    const declared = form.get("Content-Type");
    if (typeof declared === "string" && declared) artifact.file_type = declared;
    store.uploadTokens.delete(String(req.params.token));
    res.status(204).end();
  });

  router.get(`${DOWNLOAD_PATH}:token`, (req, res) => {
    const store = state.store;
    const grant = store.downloadTokens.get(String(req.params.token));
    if (!grant || grant.expires < state.now().getTime()) {
      return refuse(res, 403, "forbidden", "unknown or expired download URL");
    }
    const artifact = store.artifacts.get(grant.artifact);
    if (!artifact?.content) return refuse(res, 404, "not_found", "the artifact has no uploaded content");
    res
      .status(200)
      .type(artifact.file_type)
      .set("content-disposition", `attachment; filename="${encodeURIComponent(artifact.file_name)}"`)
      .send(artifact.content);
  });
  return router;
}

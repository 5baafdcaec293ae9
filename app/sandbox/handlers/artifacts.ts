// artifacts.prepare / locate / get: files such as article bodies. DevRev answers prepare with a
// presigned upload form and locate with a short-lived download URL on its file store; the sandbox
// serves both itself (files.ts), behind unguessable tokens, so clients run the same two-step flow.
import { randomBytes } from "node:crypto";
import type { S } from "../api-types.js";
import { invalidField } from "../errors.js";
import type { Fields } from "../fields.js";
import { coreId } from "../ids.js";
import type { ArtifactRec } from "../records.js";
import type { Store } from "../store.js";
import { audit } from "../summaries.js";
import { created, mustGet } from "./common.js";
import type { Handlers } from "./context.js";

/** How long a located download URL stays valid (DevRev's are short-lived too). */
export const DOWNLOAD_TTL_MS = 10 * 60_000;
export const UPLOAD_PATH = "/_files/upload/";
export const DOWNLOAD_PATH = "/_files/download/";

const CONFIGURATION_SETS = [
  "article_media",
  "default",
  "email_media",
  "job_data",
  "marketplace_listing_icon",
  "marketplace_media",
  "org_logo",
  "plug_css",
  "plug_setting",
  "plug_setting_banner_card",
  "portal_css",
  "snap_in_functions_code",
  "snap_widget",
  "user_profile_picture",
  "work",
] as const;

const token = () => randomBytes(18).toString("base64url");

/** Pending tokens are bounded: past the cap the oldest go first (their URLs then answer 403). */
const MAX_TOKENS = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > MAX_TOKENS) map.delete(map.keys().next().value as string);
}

export function insertArtifact(store: Store, fields: Omit<ArtifactRec, "id" | "display_id">): ArtifactRec {
  const num = store.artifacts.nextNum();
  return store.artifacts.insert({ id: coreId(`artifact/${num}`), display_id: `ARTIFACT-${num}`, ...fields });
}

export function artifactFile(a: ArtifactRec): S["artifact-file"] {
  return { name: a.file_name, type: a.file_type, ...(a.content ? { size: a.content.length } : {}) };
}

export function artifactSummary(store: Store, id: string): S["artifact-summary"] {
  const a = store.artifacts.get(id);
  return a ? { id: a.id, display_id: a.display_id, file: artifactFile(a) } : { id };
}

export function renderArtifact(store: Store, a: ArtifactRec): S["artifact"] {
  return { ...audit(store, a), file: artifactFile(a) };
}

export const artifactsFields: Fields = {
  "artifacts.prepare": ["file_name", "file_type", "configuration_set"],
  "artifacts.locate": ["id", "version"],
  "artifacts.get": ["id", "version"],
};

export const artifactsHandlers: Handlers = {
  "artifacts.prepare": (ctx) => {
    const { input, store } = ctx;
    const fileName = input.str("file_name");
    if (fileName.length > 255) throw invalidField("file_name", "file_name is longer than 255 characters");
    const fileType = input.optStr("file_type") ?? "application/octet-stream";
    const configurationSet = input.optEnum("configuration_set", CONFIGURATION_SETS);
    const a = insertArtifact(store, {
      file_name: fileName,
      file_type: fileType,
      ...(configurationSet ? { configuration_set: configurationSet } : {}),
      ...created(ctx),
    });
    const key = token();
    remember(store.uploadTokens, key, a.id);
    // Like an S3 presigned POST: send every form field, then the file as `file`.
    return {
      id: a.id,
      url: `${ctx.baseUrl}${UPLOAD_PATH}${key}`,
      form_data: [
        { key: "key", value: `${a.id}/${fileName}` },
        { key: "Content-Type", value: fileType },
      ],
    };
  },
  "artifacts.locate": (ctx) => {
    const a = mustGet(ctx.store.artifacts, ctx.input);
    ctx.input.optStr("version");
    const expires = ctx.now.getTime() + DOWNLOAD_TTL_MS;
    const key = token();
    remember(ctx.store.downloadTokens, key, { artifact: a.id, expires });
    return { url: `${ctx.baseUrl}${DOWNLOAD_PATH}${key}`, expires_at: new Date(expires).toISOString() };
  },
  "artifacts.get": (ctx) => {
    ctx.input.optStr("version");
    return { artifact: renderArtifact(ctx.store, mustGet(ctx.store.artifacts, ctx.input)) };
  },
};

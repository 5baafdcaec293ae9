// DevRev object ids (DONs) and display ids, shaped like the live API's.

export const REGION = "dvrv-us-1";
export const DEV_ORG = "devo/1sandbx";

/** `don:core:dvrv-us-1:devo/1sandbx:<path>` */
export const coreId = (path: string) => `don:core:${REGION}:${DEV_ORG}:${path}`;

/** `don:identity:dvrv-us-1:devo/1sandbx:<path>` */
export const identityId = (path: string) => `don:identity:${REGION}:${DEV_ORG}:${path}`;

const DISPLAY_ID = /^[A-Z]+-\d+$/;

/** Whether a value is shaped like an id at all (a DON or a display id such as TKT-12). */
export function looksLikeId(value: string): boolean {
  return value.startsWith("don:") || DISPLAY_ID.test(value);
}

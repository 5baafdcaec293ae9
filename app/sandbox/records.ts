// What the store keeps. Records hold references as ids; views resolve them on every read, so a
// renamed part or user shows up everywhere at once, as in the live API.
import type { S } from "./api-types.js";

export interface Audit {
  id: string;
  display_id?: string;
  created_by: string;
  created_date: string;
  modified_by: string;
  modified_date: string;
}

export interface TagRef {
  id: string;
  value?: string;
}

export interface DevUserRec extends Audit {
  display_name: string;
  full_name: string;
  email: string;
  state: S["user-state"];
  timezone?: string;
}

export interface RevUserRec extends Audit {
  display_name: string;
  full_name?: string;
  email?: string;
  rev_org: string;
  description?: string;
  external_ref?: string;
  phone_numbers: string[];
  tags: TagRef[];
}

export interface AccountRec extends Audit {
  display_name: string;
  description?: string;
  domains: string[];
  websites: string[];
  external_refs: string[];
  tier?: string;
  owned_by: string[];
  tags: TagRef[];
}

export interface RevOrgRec extends Audit {
  display_name: string;
  account: string;
  description?: string;
  external_ref?: string;
  tier?: string;
  tags: TagRef[];
}

export type PartType = "product" | "capability" | "feature" | "enhancement";

export interface PartRec extends Audit {
  type: PartType;
  name: string;
  description?: string;
  owned_by: string[];
  parent?: string;
  tags: TagRef[];
  target_close_date?: string;
}

export interface TagRec extends Audit {
  name: string;
  description?: string;
  allowed_values?: string[];
  color?: string;
}

export type WorkType = "ticket" | "issue" | "task" | "opportunity";

export interface WorkRec extends Audit {
  type: WorkType;
  title: string;
  body?: string;
  owned_by: string[];
  reported_by: string[];
  applies_to_part: string;
  /** Stage name; the stage diagram of the work type says which names exist. */
  stage: string;
  tags: TagRef[];
  target_close_date?: string;
  actual_close_date?: string;
  custom_fields?: Record<string, unknown>;
  subtype?: string;
  // ticket
  severity?: S["ticket-severity"];
  rev_org?: string;
  /** Tickets and opportunities. */
  account?: string;
  group?: string;
  needs_response?: boolean;
  sla_tracker?: string;
  // issue (priority: tasks too)
  priority?: S["issue-priority"];
  sprint?: string;
  target_start_date?: string;
  developed_with?: string[];
}

export interface ChangeEvent {
  type: "created" | "updated";
  /** For updates: the field that changed, with string values. */
  field?: string;
  old_value?: string;
  new_value?: string;
}

export interface TimelineRec extends Audit {
  type: "timeline_comment" | "timeline_change_event";
  object: string;
  body?: string;
  body_type?: S["timeline-comment-body-type"];
  visibility: S["timeline-entry-visibility"];
  labels: string[];
  panels?: S["timeline-entry-panel"][];
  external_ref?: string;
  event?: ChangeEvent;
}

export interface ArticleRec extends Audit {
  title: string;
  description?: string;
  status: S["article-status"];
  article_type: S["article-type"];
  applies_to_parts: string[];
  authored_by: string[];
  owned_by: string[];
  tags: TagRef[];
  url?: string;
  /** The body: artifact ids (HTML or markdown files), the content artifact first. */
  artifacts: string[];
  num_upvotes: number;
  num_downvotes: number;
  parent?: string;
}

export interface ConversationRec extends Audit {
  title: string;
  description?: string;
  stage: string;
  members: string[];
  owned_by: string[];
  applies_to_parts: string[];
  tags: TagRef[];
  group?: string;
  account?: string;
  rev_org?: string;
  source_channel: string;
  is_spam: boolean;
  is_frozen: boolean;
}

export interface GroupRec extends Audit {
  name: string;
  description: string;
  member_type: S["group-member-type"];
  group_type: S["group-type"];
  owner?: string;
  is_default: boolean;
  members: string[];
}

export interface ArtifactRec extends Audit {
  file_name: string;
  /** MIME type, as given to artifacts.prepare (or taken from the upload). */
  file_type: string;
  configuration_set?: string;
  /** The uploaded bytes; absent until the upload arrives. */
  content?: Buffer;
}

export interface MeetingRec extends Audit {
  title: string;
  description?: string;
  channel: S["meeting-channel"];
  direction?: S["meeting-direction"];
  state: S["meeting-state"];
  scheduled_date: string;
  ended_date?: string;
  organizer: string;
  members: string[];
  /** The account (or other object) the meeting is about. */
  parent?: string;
  external_ref?: string;
  external_url?: string;
  tags: TagRef[];
}

export interface LinkRec extends Audit {
  link_type: S["link-type"];
  source: string;
  target: string;
}

export interface SlaRec extends Audit {
  name: string;
  description?: string;
  sla_type: S["sla-type"];
  status: S["sla-status"];
  applies_to: S["sla-applies-to"][];
  evaluation_period?: S["sla-evaluation-period"];
}

export interface SlaTrackerRec extends Audit {
  sla: string;
  applies_to_id: string;
  applies_to_type: S["sla-tracker-applies-to-type"];
  stage: S["sla-summary-stage"];
  status: string;
  metric: string;
  target_time: string;
}

export interface VistaRec extends Audit {
  type: "curated" | "grouped";
  name: string;
  flavor?: S["grouped-vista-flavor"];
  filter_type?: S["grouped-vista-filter-type"];
  items: string[];
  is_default: boolean;
}

export interface VistaGroupRec extends Audit {
  vista: string;
  name: string;
  state: S["vista-group-item-state"];
  start_date?: string;
  end_date?: string;
}

export interface CustomStateRec extends Audit {
  name: string;
  ordinal: number;
  is_final: boolean;
}

export interface CustomStageRec extends Audit {
  name: string;
  ordinal: number;
  state: string;
}

export interface StageNodeRec {
  stage: string;
  is_start: boolean;
  transitions: string[];
}

export interface StageDiagramRec extends Audit {
  name: string;
  leaf_type: string;
  is_default: boolean;
  stages: StageNodeRec[];
}

export interface FragmentRec extends Audit {
  leaf_type: string;
  subtype: string;
  subtype_display_name: string;
  fields: { name: string; field_type: "text" | "bool" | "int"; display_name: string }[];
}

export interface IncidentRec extends Audit {
  title: string;
  body?: string;
  stage: string;
  severity: number;
  owned_by: string[];
  applies_to_parts: string[];
  tags: TagRef[];
  identified_date?: string;
  mitigated_date?: string;
  target_close_date?: string;
  actual_close_date?: string;
}

export interface EngagementRec extends Audit {
  title: string;
  description?: string;
  engagement_type: S["engagements-create-request-engagement-type"];
  members: string[];
  parent?: string;
  scheduled_date: string;
  external_ref?: string;
  tags: TagRef[];
}

export interface QuestionAnswerRec extends Audit {
  question: string;
  answer: string;
  status: S["question-answer-status"];
  applies_to_parts: string[];
  owned_by: string[];
  sources: string[];
  topic?: string;
  verified: boolean;
}

// The sandbox's in-memory data: one table per object kind plus an index from every DON id and
// display id to its kind, so a link or timeline entry can point at any object.
import type * as R from "./records.js";

export type Kind =
  | "dev_user"
  | "rev_user"
  | "account"
  | "rev_org"
  | "part"
  | "tag"
  | "work"
  | "timeline_entry"
  | "article"
  | "conversation"
  | "group"
  | "link"
  | "sla"
  | "sla_tracker"
  | "vista"
  | "vista_group"
  | "custom_state"
  | "custom_stage"
  | "stage_diagram"
  | "fragment"
  | "incident"
  | "engagement"
  | "meeting"
  | "artifact"
  | "question_answer";

/** Objects per kind: assignable to Record<string, number>, with the kinds spelled out. */
export type SandboxCounts = ReturnType<Store["counts"]>;

export interface Ref {
  kind: Kind;
  id: string;
}

export class Table<T extends R.Audit> {
  private readonly rows = new Map<string, T>();
  private readonly seqs = new Map<string, number>();
  /** Snapshot for all(): rebuilt only after an insert or delete, not on every read. */
  private snapshot: readonly T[] | undefined;

  constructor(
    readonly kind: Kind,
    private readonly index: Map<string, Ref>,
  ) {}

  /**
   * Next number of a sequence. Display ids count per prefix (TKT-61 and ISS-41 live in one table),
   * so callers name the sequence when a table holds several.
   */
  nextNum(sequence = ""): number {
    const n = (this.seqs.get(sequence) ?? 0) + 1;
    this.seqs.set(sequence, n);
    return n;
  }

  insert(row: T): T {
    this.snapshot = undefined;
    this.rows.set(row.id, row);
    this.index.set(row.id, { kind: this.kind, id: row.id });
    if (row.display_id) this.index.set(row.display_id, { kind: this.kind, id: row.id });
    return row;
  }

  /** Accepts a DON id or a display id. */
  get(key: string): T | undefined {
    const ref = this.index.get(key);
    return ref && ref.kind === this.kind ? this.rows.get(ref.id) : undefined;
  }

  delete(id: string): boolean {
    const row = this.rows.get(id);
    if (!row) return false;
    this.snapshot = undefined;
    this.rows.delete(id);
    this.index.delete(id);
    if (row.display_id) this.index.delete(row.display_id);
    return true;
  }

  /**
   * Rows in creation order. A shared, frozen snapshot: reading a table is what every request does,
   * so copying it each time was a large part of the sandbox's cost. Deleting while iterating a
   * snapshot is safe (the next call gets a new one).
   */
  all(): readonly T[] {
    this.snapshot ??= Object.freeze([...this.rows.values()]);
    return this.snapshot;
  }

  get size(): number {
    return this.rows.size;
  }
}

export class Store {
  private readonly index = new Map<string, Ref>();
  readonly devUsers = new Table<R.DevUserRec>("dev_user", this.index);
  readonly revUsers = new Table<R.RevUserRec>("rev_user", this.index);
  readonly accounts = new Table<R.AccountRec>("account", this.index);
  readonly revOrgs = new Table<R.RevOrgRec>("rev_org", this.index);
  readonly parts = new Table<R.PartRec>("part", this.index);
  readonly tags = new Table<R.TagRec>("tag", this.index);
  readonly works = new Table<R.WorkRec>("work", this.index);
  readonly timeline = new Table<R.TimelineRec>("timeline_entry", this.index);
  readonly articles = new Table<R.ArticleRec>("article", this.index);
  readonly conversations = new Table<R.ConversationRec>("conversation", this.index);
  readonly groups = new Table<R.GroupRec>("group", this.index);
  readonly links = new Table<R.LinkRec>("link", this.index);
  readonly slas = new Table<R.SlaRec>("sla", this.index);
  readonly slaTrackers = new Table<R.SlaTrackerRec>("sla_tracker", this.index);
  readonly vistas = new Table<R.VistaRec>("vista", this.index);
  readonly vistaGroups = new Table<R.VistaGroupRec>("vista_group", this.index);
  readonly customStates = new Table<R.CustomStateRec>("custom_state", this.index);
  readonly customStages = new Table<R.CustomStageRec>("custom_stage", this.index);
  readonly stageDiagrams = new Table<R.StageDiagramRec>("stage_diagram", this.index);
  readonly fragments = new Table<R.FragmentRec>("fragment", this.index);
  readonly incidents = new Table<R.IncidentRec>("incident", this.index);
  readonly engagements = new Table<R.EngagementRec>("engagement", this.index);
  readonly meetings = new Table<R.MeetingRec>("meeting", this.index);
  readonly artifacts = new Table<R.ArtifactRec>("artifact", this.index);
  /** Unguessable upload and download tokens (the sandbox's stand-in for presigned URLs). */
  readonly uploadTokens = new Map<string, string>();
  readonly downloadTokens = new Map<string, { artifact: string; expires: number }>();
  readonly questionAnswers = new Table<R.QuestionAnswerRec>("question_answer", this.index);

  private readonly tables: Record<Kind, Table<R.Audit>> = {
    dev_user: this.devUsers,
    rev_user: this.revUsers,
    account: this.accounts,
    rev_org: this.revOrgs,
    part: this.parts,
    tag: this.tags,
    work: this.works,
    timeline_entry: this.timeline,
    article: this.articles,
    conversation: this.conversations,
    group: this.groups,
    link: this.links,
    sla: this.slas,
    sla_tracker: this.slaTrackers,
    vista: this.vistas,
    vista_group: this.vistaGroups,
    custom_state: this.customStates,
    custom_stage: this.customStages,
    stage_diagram: this.stageDiagrams,
    fragment: this.fragments,
    incident: this.incidents,
    engagement: this.engagements,
    meeting: this.meetings,
    artifact: this.artifacts,
    question_answer: this.questionAnswers,
  };

  /** Any object, by DON id or display id, when only its common fields matter. */
  find(key: string): R.Audit | undefined {
    const ref = this.index.get(key);
    return ref && this.tables[ref.kind].get(ref.id);
  }

  /** Kind and canonical DON id of any object, by DON id or display id. */
  resolve(key: string): Ref | undefined {
    return this.index.get(key);
  }

  /** The canonical DON id for a DON id or display id; unknown values come back unchanged. */
  canonical(key: string): string {
    return this.index.get(key)?.id ?? key;
  }

  /** Objects per kind; tests compare these before and after a call to prove nothing was created twice. */
  counts() {
    const works = this.works.all();
    const entries = this.timeline.all();
    return {
      dev_users: this.devUsers.size,
      rev_users: this.revUsers.size,
      accounts: this.accounts.size,
      rev_orgs: this.revOrgs.size,
      parts: this.parts.size,
      tags: this.tags.size,
      works: works.length,
      tickets: works.filter((w) => w.type === "ticket").length,
      issues: works.filter((w) => w.type === "issue").length,
      timeline_entries: entries.length,
      comments: entries.filter((e) => e.type === "timeline_comment").length,
      change_events: entries.filter((e) => e.type === "timeline_change_event").length,
      articles: this.articles.size,
      conversations: this.conversations.size,
      groups: this.groups.size,
      links: this.links.size,
      slas: this.slas.size,
      sla_trackers: this.slaTrackers.size,
      vistas: this.vistas.size,
      vista_groups: this.vistaGroups.size,
      incidents: this.incidents.size,
      engagements: this.engagements.size,
      meetings: this.meetings.size,
      artifacts: this.artifacts.size,
      question_answers: this.questionAnswers.size,
    };
  }
}

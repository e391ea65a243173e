/** The goals plugin's operational tables (Kysely types); created by goals.migrations.ts. */
export interface GoalsTables {
  goals_hits: {
    id: string;
    account_id: string;
    site_id: string;
    visitor_id: string;
    goal_id: string;
    /** The goal's name and type when it was reached: the goal may be renamed or deleted later. */
    goal_name: string;
    goal_type: string;
    url: string;
    /** `Callpy.track`'s props as JSON, or null. */
    props: string | null;
    /** Which visit of the visitor (goals_visits.started_at): a goal counts once per visit. */
    visit_key: string;
    reached_at: number;
  };
  /** The visitor's current visit: when it started and when they were last seen. */
  goals_visits: {
    visitor_id: string;
    site_id: string;
    started_at: number;
    last_at: number;
  };
}

import type { Role } from '../roles';

/**
 * One way to define a workflow (ADR 017): its states with their Chinese labels, and its actions,
 * each with the states it may start from, the state it leads to, who may take it and the audit code
 * it writes. The server's commands take their target state from here, the server computes each
 * DTO's `allowedActions` from here, and the audit log's labels come from here.
 */
export interface ActionDef<S extends string, C extends string = string> {
  /** Chinese label: the button's text */
  label: string;
  /** the states the action may start from; empty for an action that creates the object */
  from: readonly S[];
  /** the state it leads to (of the new object when `creates`) */
  to: S;
  /** creates a new object in `to` (a first submission, or a corrected one following a refused one) */
  creates?: boolean;
  /** roles that may take it; absent: taken by the platform itself (e.g. the deposit's events) */
  roles?: readonly Role[];
  /** named server-side conditions that must all hold as well (evaluated by the server, e.g. 'owner') */
  when?: readonly C[];
  /** Chinese label of the audit row the action writes (defaults to `label`) */
  auditLabel?: string;
  /** false: the action writes no audit code of its own (a resubmission is audited as a submission) */
  audited?: false;
}

export interface WorkflowDef<S extends string, A extends string, C extends string = string, N extends string = string> {
  /** prefix of the audit codes: `${name}.${action}` */
  name: N;
  states: Record<S, string>;
  actions: Record<A, ActionDef<S, C>>;
}

export interface Workflow<S extends string, A extends string, C extends string = string, N extends string = string> extends WorkflowDef<S, A, C, N> {
  /** the state codes, in the order they were defined (e.g. for CHECK constraints and filters) */
  codes: readonly S[];
  /** every action name */
  actionNames: readonly A[];
  /** may `action` start from `state`? (the state part only, no role or condition) */
  can(action: A, state: S): boolean;
  /** the audit code of an action: `${name}.${action}` */
  auditCode<X extends A>(action: X): `${N}.${X}`;
  /**
   * The actions the acting user may take on an object in `state`: the state allows it, the role is
   * listed, and every named condition holds (`holds(c)` answers for the object and the user).
   */
  allowedActions(state: S, role: Role, holds?: (condition: C) => boolean): A[];
  /** Chinese audit labels of every action: `{ 'quota.approve': '…' }` */
  auditLabels(): Record<string, string>;
}

export function defineWorkflow<S extends string, A extends string, C extends string = never, N extends string = string>(def: WorkflowDef<S, A, C, N>): Workflow<S, A, C, N> {
  const codes = Object.keys(def.states) as S[];
  const actionNames = Object.keys(def.actions) as A[];
  for (const a of actionNames) {
    const { from, to } = def.actions[a];
    for (const s of [...from, to]) if (!(s in def.states)) throw new Error(`workflow ${def.name}: action ${a} names unknown state ${s}`);
  }
  return {
    ...def,
    codes,
    actionNames,
    can: (action, state) => (def.actions[action].from as readonly string[]).includes(state),
    auditCode: <X extends A>(action: X) => `${def.name}.${action}` as `${N}.${X}`,
    allowedActions(state, role, holds = () => true) {
      return actionNames.filter((a) => {
        const d = def.actions[a];
        // a first submission (creates, from nothing) is taken on the parent, never on an object
        if (!d.from.includes(state)) return false;
        if (!d.roles || !d.roles.includes(role)) return false;
        return (d.when ?? []).every((c) => holds(c));
      });
    },
    auditLabels: () => Object.fromEntries(actionNames.filter((a) => def.actions[a].audited !== false).map((a) => [`${def.name}.${a}`, def.actions[a].auditLabel ?? def.actions[a].label])),
  };
}

/** Moved to platform/scope.ts (docs/decisions/019): the one place of every resource's scope rule. */
export { cacheUnitTree, projectScopeOf, unitAndChildren, type ProjectScope } from '../../platform/scope';

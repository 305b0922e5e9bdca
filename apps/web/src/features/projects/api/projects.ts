import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DepositStatus, ProjectStatus, TCreateProjectRequest, TProject } from '@benxi/shared';
import { api, download } from '../../../lib/api';
import type { Page } from '../../../lib/page';

export type Project = TProject;
export type ProjectRow = Pick<
  TProject,
  'id' | 'code' | 'name' | 'regionCode' | 'regionName' | 'projectRegionName' | 'contractAmount' | 'status' | 'depositStatus' | 'contractorName' | 'createdAt'
>;

export type CreateProjectInput = Omit<TCreateProjectRequest, 'contractAmount' | 'wageDay'> & { contractAmount: string; wageDay: number };
export type UpdateProjectInput = Partial<CreateProjectInput>;

export interface ProgressInput {
  actualStart: string | null;
  expectedCompletion: string | null;
  actualCompletion: string | null;
}

export interface ProjectFilters {
  name?: string;
  regionCode?: string;
  status?: ProjectStatus;
  depositStatus?: DepositStatus;
}

export type ProjectListParams = ProjectFilters & { page: number; pageSize: number };

/** Why 编辑基础信息 is closed once the first quota application was submitted (the server answers 409). */
export const BASE_LOCKED_REASON = '项目已提交定额申请，基础信息不能再修改；工程进度和联系人仍可修改。';

export const projectKeys = {
  all: ['projects'] as const,
  list: (p: ProjectListParams) => ['projects', 'list', p] as const,
  detail: (id: string) => ['projects', 'detail', id] as const,
};

export const projectListQueryOptions = (params: ProjectListParams) =>
  queryOptions({
    queryKey: projectKeys.list(params),
    queryFn: ({ signal }) => api.get<Page<ProjectRow>>('/api/projects', { ...params }, signal),
    staleTime: 0,
  });

export const projectDetailQueryOptions = (id: string) =>
  queryOptions({
    queryKey: projectKeys.detail(id),
    queryFn: ({ signal }) => api.get<Project>(`/api/projects/${encodeURIComponent(id)}`, undefined, signal),
  });

export const useProject = (id: string) => useQuery(projectDetailQueryOptions(id));

/** Every project matching the filters (not just the page), as the server's .xlsx. */
export const exportProjects = (filters: ProjectFilters) => download('/api/projects/export', { ...filters }, '项目列表.xlsx');

function useProjectMutation<TVars>(call: (vars: TVars) => Promise<Project>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (p) => {
      qc.setQueryData(projectKeys.detail(p.id), p);
      void qc.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
  });
}

export const useCreateProject = () => useProjectMutation((input: CreateProjectInput) => api.post<Project>('/api/projects', input));

export const useUpdateProject = () =>
  useProjectMutation(({ id, patch }: { id: string; patch: UpdateProjectInput }) =>
    api.patch<Project>(`/api/projects/${encodeURIComponent(id)}`, patch),
  );

export const useUpdateProgress = () =>
  useProjectMutation(({ id, progress }: { id: string; progress: ProgressInput }) =>
    api.put<Project>(`/api/projects/${encodeURIComponent(id)}/progress`, progress),
  );

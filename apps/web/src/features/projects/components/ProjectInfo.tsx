import type { ReactNode } from 'react';
import { Descriptions, Typography } from 'antd';
import { formatDateTime } from '@benxi/shared';
import type { Project } from '../api/projects';
import { DepositStatusTag, ProjectStatusTag, formatYuan } from './ProjectTags';

const labelStyle = { width: 170, whiteSpace: 'nowrap' as const };
const columns = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 };

/** 项目基本信息 table of the manual's 项目详情 (label, value, label, value). */
export function ProjectBaseInfo({ project: p, extra }: { project: Project; extra?: ReactNode }) {
  return (
    <Descriptions
      title="项目基本信息"
      extra={extra}
      bordered
      size="middle"
      column={columns}
      styles={{ label: labelStyle }}
      items={[
        { key: 'name', label: '工程名称', children: p.name },
        { key: 'code', label: '工程编号', children: <Typography.Text copyable>{p.code}</Typography.Text> },
        { key: 'location', label: '工程地点', children: p.location },
        { key: 'projectRegion', label: '工程地区', children: p.projectRegionName },
        { key: 'projectType', label: '工程类型', children: p.projectTypeLabel },
        { key: 'contractAmount', label: '施工合同金额', children: formatYuan(p.contractAmount) },
        { key: 'planned', label: '计划建设日期', children: `${p.plannedStart} 至 ${p.plannedEnd}` },
        { key: 'duration', label: '工期', children: `${p.durationDays} 天` },
        { key: 'contractor', label: '施工总包单位', children: p.contractorName },
        { key: 'contractorCode', label: '总包单位统一社会信用代码', children: p.contractorCreditCode },
        { key: 'builder', label: '建设单位', children: p.builderName },
        { key: 'builderCode', label: '建设单位统一社会信用代码', children: p.builderCreditCode },
        { key: 'signed', label: '施工合同签订日', children: p.contractSignedOn },
        { key: 'wageDay', label: '工资发放日', children: `${p.wageDay}日` },
        { key: 'manager', label: '项目经理', children: p.managerName },
        { key: 'managerPhone', label: '项目经理电话', children: p.managerPhone },
        { key: 'officer', label: '劳资专管员', children: p.laborOfficerName },
        { key: 'officerPhone', label: '劳资专管员电话', children: p.laborOfficerPhone },
        { key: 'industry', label: '行业主管类型', children: p.industryTypeLabel },
        { key: 'region', label: '主管地区', children: p.regionName },
        { key: 'authority', label: '行业主管单位', children: p.authorityOrg.name },
        { key: 'hrss', label: '人社监管单位', children: p.hrssOrg.name },
        { key: 'category', label: '项目种类', children: p.categoryLabel },
        { key: 'deposit', label: '保证金状态', children: <DepositStatusTag status={p.depositStatus} needsReplenish={p.needsReplenish} /> },
        { key: 'permit', label: '施工许可证日期', children: p.permitDate ?? '-' },
        { key: 'created', label: '创建时间', children: formatDateTime(p.createdAt) },
      ]}
    />
  );
}

/** 工程进度 table. */
export function ProjectProgressInfo({ project: p }: { project: Project }) {
  return (
    <Descriptions
      bordered
      size="middle"
      column={columns}
      styles={{ label: labelStyle }}
      items={[
        { key: 'actualStart', label: '实际开工日期', children: p.actualStart ?? '-' },
        { key: 'expected', label: '预计竣工日期', children: p.expectedCompletion ?? '-' },
        { key: 'actualCompletion', label: '实际竣工日期', children: p.actualCompletion ?? '-' },
        { key: 'status', label: '工程状态', children: <ProjectStatusTag status={p.status} /> },
      ]}
    />
  );
}

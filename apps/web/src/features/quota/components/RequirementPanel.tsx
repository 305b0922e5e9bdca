import { Descriptions, Space, Spin, Tag, Typography } from 'antd';
import CalculatorOutlined from '@ant-design/icons/CalculatorOutlined';
import { showYuan } from '../../../lib/money';
import type { EnterpriseRecord, Requirement } from '../api/quota';

/** "规定应缴比例 2.00%，应缴金额 400,000.00 元" */
export const requirementSentence = (r: Requirement) => `规定应缴比例 ${r.ratioText}，应缴金额 ${showYuan(r.requiredAmount)} 元`;

/**
 * What the regulation requires (the rules engine on the server): ratio, amount, one line per
 * rule applied, and whether 免缴 is allowed.
 */
export function RequirementPanel({
  requirement,
  loading = false,
  placeholder = '输入施工合同金额后计算',
  title = '按规定应缴',
}: {
  requirement: Requirement | undefined;
  loading?: boolean;
  placeholder?: string;
  title?: string;
}) {
  return (
    <div
      data-testid="quota-requirement"
      style={{ background: '#f0f6ff', border: '1px solid #bcd6f7', borderRadius: 6, padding: '12px 16px' }}
    >
      <Space size={8} style={{ marginBottom: 6 }}>
        <CalculatorOutlined style={{ color: '#1557b0' }} />
        <Typography.Text strong>{title}</Typography.Text>
        {loading && <Spin size="small" />}
        {requirement && (
          <Tag color={requirement.exemptionAllowed ? 'success' : 'default'} style={{ marginInlineStart: 8 }}>
            {requirement.exemptionAllowed ? '可申请免缴' : '不符合免缴条件'}
          </Tag>
        )}
      </Space>
      {requirement ? (
        <>
          <div style={{ fontSize: 15, margin: '2px 0 6px' }} data-testid="quota-requirement-sentence">
            {requirementSentence(requirement)}
          </div>
          <ul style={{ margin: 0, paddingInlineStart: 20, color: 'rgba(0,0,0,0.65)' }}>
            {requirement.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      ) : (
        <Typography.Text type="secondary">{placeholder}</Typography.Text>
      )}
    </div>
  );
}

const yesNo = (v: boolean, bad: boolean) => <Tag color={v === bad ? 'error' : 'success'}>{v ? '是' : '否'}</Tag>;

/** The enterprise's record the engine used (from the 欠薪及失信记录 register and its projects). */
export function EnterpriseRecordInfo({ record: r, title = '企业记录' }: { record: EnterpriseRecord; title?: string }) {
  return (
    <Descriptions
      title={title}
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        { key: 'y1', label: '签订前一年内有拖欠', children: yesNo(r.arrearsInYearBeforeSigning, true) },
        { key: 'y2', label: '签订前两年内有拖欠', children: yesNo(r.arrearsInTwoYearsBefore, true) },
        { key: 'clean', label: '本地区连续无拖欠年数', children: `${r.cleanYearsInRegion} 年` },
        { key: 'list', label: '列入严重失信名单', children: yesNo(r.onSeriousDishonestList, true) },
        { key: 'others', label: '本地区其他在建项目数', children: `${r.otherProjectsUnderConstructionInRegion} 个` },
        { key: 'duties', label: '已落实实名制和专用账户', children: yesNo(r.realNameAndSpecialAccountMet, false) },
      ]}
    />
  );
}

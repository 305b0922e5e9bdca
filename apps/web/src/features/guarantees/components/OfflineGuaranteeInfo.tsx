import { Descriptions } from 'antd';
import { formatDateTime } from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import type { OfflineGuarantee } from '../api/guarantees';
import { instrumentText, OfflineOverdueTag, OfflineStatusTag } from './GuaranteeTags';
import { Deadline } from '../../supervision/components/Deadline';

/** The upload as the enterprise entered it (the manual's 保单信息), and its review. */
export function OfflineGuaranteeInfo({ g, column = 2 }: { g: OfflineGuarantee; column?: 1 | 2 }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={column === 1 ? 1 : { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
      styles={{ label: { width: 130, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'enterprise', label: '投保人', children: g.enterpriseName },
        { key: 'project', label: '工程名称', children: g.projectName },
        { key: 'type', label: '保险类型', children: instrumentText(g.instrumentType) },
        { key: 'status', label: '审核状态', children: <><OfflineStatusTag status={g.status} /><OfflineOverdueTag g={g} /></> },
        { key: 'handler', label: '经办联系人', children: g.handlerName },
        { key: 'phone', label: '经办人手机', children: g.handlerPhone },
        { key: 'brand', label: '银行品牌', children: g.bankBrand },
        { key: 'issuer', label: '承保出单机构', children: g.issuerName },
        { key: 'product', label: '产品名称', children: g.productName },
        { key: 'no', label: '保函号', children: g.guaranteeNo },
        { key: 'amount', label: '保额', children: `${showYuan(g.amount)} 元` },
        { key: 'fee', label: '保函手续费', children: `${showYuan(g.fee)} 元` },
        { key: 'required', label: '保证金应缴金额', children: `${showYuan(g.requiredAmount)} 元` },
        { key: 'issued', label: '出函日期', children: g.issuedOn },
        { key: 'period', label: '保函期限', children: `${g.validFrom} ~ ${g.validTo}` },
        { key: 'submitted', label: '上传时间', children: formatDateTime(g.submittedAt) },
        { key: 'due', label: '审核期限', children: <span style={{ color: g.overdue ? '#cf1322' : undefined }}><Deadline date={g.dueOn} />（提交后5个工作日）</span> },
        { key: 'decided', label: '审核时间', children: g.decidedAt ? formatDateTime(g.decidedAt) : '-' },
        ...(g.returnReason ? [{ key: 'reason', label: '退回原因', span: column, children: g.returnReason }] : []),
        ...(g.closedReason ? [{ key: 'closed', label: '关闭原因', span: column, children: g.closedReason }] : []),
      ]}
    />
  );
}

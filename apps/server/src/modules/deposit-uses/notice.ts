import { decisionTypeLabels, fenToYuan, maskCardNo, maskIdNumber, type TDepositUse } from '@benxi/shared';
import { shanghaiDate } from '../../platform/clock';
import { renderPdf } from '../../platform/documents/index';
import type { DepositUseContext } from './context';
import { loadUse, toUseDtos, type UseUser } from './read';
import { transfersOf } from './repository';

const cn = (d: string) => `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日`;
const money = (yuan: string) => {
  const [i, f] = yuan.split('.');
  return `${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
};

/**
 * 《农民工工资保证金支付通知书》 (SPEC §9, ADR 034) as a PDF rendered from the use's rows (the same
 * rows give the same file): unit, project, enterprise, decision, the workers and the total. Only
 * the bank's or insurer's copy — the addressee that pays — shows the ID and card numbers in full;
 * the supervisors' copies mask them; the enterprise's copy lists no workers (their count and total).
 */
export async function noticePdf(ctx: DepositUseContext, user: UseUser, id: string): Promise<{ name: string; pdf: Buffer }> {
  const row = await loadUse(ctx, user, id);
  const [dto] = (await toUseDtos(ctx, user, [row])) as [TDepositUse];
  const bankCopy = (user.role === 'bank' || user.role === 'insurer') && row.payerOrgId === user.orgId;
  const transfers = await transfersOf(ctx.db, [row.id]);
  const pdf = await renderPdf({ title: '农民工工资保证金支付通知书', at: row.createdAt }, (w) => {
    w.title('农民工工资保证金支付通知书');
    w.number(row.noticeNo);
    w.paragraph(`${dto.payerName}：`, { indent: false });
    w.paragraph(
      `根据《${decisionTypeLabels[row.decisionType as keyof typeof decisionTypeLabels]}决定书》（${row.decisionNo}，${cn(row.decisionDate)}），现动用${dto.enterpriseName}在“${dto.projectName}”项目存储的农民工工资保证金（${dto.instrumentLabel}），支付下列农民工工资，合计人民币 ${money(dto.amount)} 元。请于 ${cn(row.payDueOn)} 前（5个工作日内）将款项支付至下列农民工本人银行账户，并通过平台逐人反馈支付结果。`,
    );
    w.fields([
      ['发出单位', dto.hrssName],
      ['工程名称', dto.projectName],
      ['施工总承包单位', dto.enterpriseName],
      ['行政处理决定', `${decisionTypeLabels[row.decisionType as keyof typeof decisionTypeLabels]}（${row.decisionNo}）`],
      ['决定日期', cn(row.decisionDate)],
      ['支付机构', dto.payerName],
      ['动用金额（元）', money(dto.amount)],
      ['农民工人数', `${transfers.length} 人`],
    ]);
    if (user.role !== 'enterprise') {
      w.heading(bankCopy ? '农民工名单（银行/保险公司留存联）' : '农民工名单（身份证号、银行卡号已脱敏）');
      w.table({
        columns: [
          { header: '序号', width: 0.5, align: 'center' },
          { header: '姓名', width: 0.8 },
          { header: '身份证号', width: 1.9 },
          { header: '开户银行', width: 1.6 },
          { header: '银行卡号', width: 1.9 },
          { header: '金额（元）', width: 1.1, align: 'right' },
        ],
        rows: [
          ...transfers.map((t) => [
            String(t.seq),
            t.name,
            bankCopy ? t.idNumber : maskIdNumber(t.idNumber),
            t.bankName,
            bankCopy ? t.cardNo : maskCardNo(t.cardNo),
            money(fenToYuan(t.amountFen)),
          ]),
          ['', '合计', '', '', '', money(dto.amount)],
        ],
      });
    }
    w.space();
    w.signature([dto.hrssName, cn(shanghaiDate(row.createdAt))]);
  });
  const suffix = bankCopy ? '（银行留存联）' : '';
  return { name: `农民工工资保证金支付通知书${suffix}-${row.id}.pdf`, pdf };
}

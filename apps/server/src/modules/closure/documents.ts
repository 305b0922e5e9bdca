import { formatFen, yuanToFen, type TCancellation } from '@benxi/shared';
import { shanghaiDate } from '../../platform/clock';
import { notFound } from '../../platform/errors';
import { renderPdf } from '../../platform/documents/index';
import type { ScopeUser } from '../../platform/scope';
import type { ClosureContext } from './context';
import { getCancellation, loadProject } from './read';

const yuan = (s: string) => formatFen(yuanToFen(s));
const cnDate = (d: string) => `${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日`;

/**
 * 《工资保证金返还（销户）确认书》 of an approved cancellation (ADR 030): rendered from the stored
 * rows on each download (the number, the instruments and the decision date were fixed by the approval).
 */
export async function returnConfirmationPdf(ctx: ClosureContext, user: ScopeUser, cancellationId: string): Promise<{ pdf: Buffer; fileName: string; c: TCancellation }> {
  const c = await getCancellation(ctx, user, cancellationId);
  if (c.status !== 'approved' || !c.documentNo || !c.decidedAt) throw notFound('返还（销户）确认书');
  const decided = shanghaiDate(new Date(c.decidedAt));
  const totalFen = c.instruments.reduce((s, i) => s + yuanToFen(i.amount), 0n);
  const pdf = await renderPdf({ title: '工资保证金返还（销户）确认书', subject: c.documentNo, at: new Date(c.decidedAt) }, (d) => {
    d.title('工资保证金返还（销户）确认书');
    d.number(c.documentNo!);
    d.paragraph(
      `${c.enterpriseName}：你单位承建的“${c.projectName}”（工程编号 ${c.projectId}）已于 ${cnDate(c.actualCompletion)} 竣工，` +
        `自 ${cnDate(c.publicityStart)} 起公示期满 30 日，经核查无拖欠农民工工资情况。依据《工程建设领域农民工工资保证金规定》第二十二条，` +
        `同意返还（销户）该项目工资保证金，相关保函、保单自即日起解除（已释放）。请存储银行、出具机构在 3 个工作日内办理返还手续。`,
    );
    d.fields([
      ['工程名称', c.projectName],
      ['工程编号', c.projectId],
      ['施工总包单位', c.enterpriseName],
      ['统一社会信用代码', c.creditCode ?? '-'],
      ['主管地区', c.regionName],
      ['行业主管单位', c.authorityName],
      ['人社监管单位', c.hrssName],
      ['实际开工日期', c.actualStart],
      ['实际竣工日期', c.actualCompletion],
      ['保证金合计（元）', formatFen(totalFen)],
    ]);
    d.heading('保证金缴纳凭证');
    d.table({
      columns: [
        { header: '缴纳方式', width: 1.2 },
        { header: '编号 / 保函号', width: 1.8 },
        { header: '存储银行 / 出具机构', width: 2 },
        { header: '金额（元）', width: 1.3, align: 'right' },
      ],
      rows: c.instruments.length ? c.instruments.map((i) => [i.kindLabel, i.number, i.issuerName, yuan(i.amount)]) : [['-', '-', '-', '0.00']],
    });
    d.signature([c.hrssName, `审核日期：${cnDate(decided)}`]);
  });
  return { pdf, fileName: `工资保证金返还（销户）确认书-${c.projectName}.pdf`, c };
}

/** 注销申请表 (人社提供模板): the platform's template, the project's data filled in, the rest to be completed and signed. */
export async function cancellationFormTemplatePdf(ctx: ClosureContext, user: ScopeUser, projectId: string): Promise<{ pdf: Buffer; fileName: string }> {
  const p = await loadProject(ctx, user, projectId);
  const now = ctx.clock.now();
  const pdf = await renderPdf({ title: '工资保证金注销申请表', at: now }, (d) => {
    d.title('工资保证金注销申请表');
    d.number('（人社部门提供模板）');
    d.fields([
      ['工程名称', p.name],
      ['工程编号', p.id.toString()],
      ['施工总包单位', p.contractorName],
      ['统一社会信用代码', p.contractorCreditCode],
      ['建设单位', p.builderName],
      ['施工合同金额（元）', formatFen(p.contractAmountFen)],
      ['实际开工日期', p.actualStart ?? '______年____月____日'],
      ['实际竣工日期', p.actualCompletion ?? '______年____月____日'],
      ['公示起始日期', '______年____月____日'],
      ['经办人及电话', '________________________'],
    ]);
    d.heading('申请事项');
    d.paragraph('本工程已竣工验收，公示期满 30 日，不存在拖欠农民工工资情况。现申请注销该项目工资保证金（专用账户销户 / 解除保函、保单），并承诺所报材料真实有效。');
    d.table({
      columns: [{ header: '附件', width: 3 }, { header: '份数', width: 1, align: 'center' }],
      rows: [['竣工验收报告', ''], ['无拖欠农民工工资书面承诺', ''], ['其他附件', '']],
    });
    d.signature(['申请单位（盖章）：____________________', '法定代表人（签字）：____________', '______年____月____日']);
  });
  return { pdf, fileName: `工资保证金注销申请表-${p.name}.pdf` };
}

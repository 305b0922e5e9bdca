import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Descriptions, Divider, Empty, Space, Tag, Typography } from 'antd';
import {
  applyTypeLabels,
  attemptCloseReasonLabels,
  depositStatusLabels,
  filingStateLabels,
  formatDateTime,
  paymentAttemptStatusLabels,
  paymentWayLabels,
  switchConfirmText,
  type PaymentWay,
} from '@benxi/shared';
import { showYuan } from '../../../lib/money';
import type { DepositCard as Card_ } from '../api/payment';
import { CashDepositModal } from './CashDepositModal';
import { GuaranteeApplyModal } from './GuaranteeApplyModal';
import { Balance, CashDepositInfo, GuaranteeInfo } from './PaymentInfo';

const yuan = (v: string | null | undefined) => (v ? `${showYuan(v)} 元` : '-');

/**
 * 定额保证金 (manual 2.2): the approved quota's figures in the manual's layout, the way being paid and
 * its progress ("等待银行回传办理结果" until the bank answers), and the buttons 现金存缴 / 银行保函办理
 * (/ 保单保函上传, `extraActions`) from the server's allowedActions. Choosing another way while one is
 * being tried asks first: "切换缴纳方式将关闭当前的…办理，确定切换吗？".
 */
export function DepositCard({
  card,
  beneficiary,
  plannedEnd,
  extraActions,
  filing,
}: {
  card: Card_;
  beneficiary: string;
  plannedEnd: string;
  /** more ways to pay, e.g. 保单保函上传 (its form belongs to the guarantees feature); receives the switch confirmation */
  extraActions?: (ask: (then: (confirmed: boolean) => void) => void) => ReactNode;
  /** 发起备案 and the filing's state (the closure feature, issue 13), at the card's top right as in the manual */
  filing?: ReactNode;
}) {
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState<{ way: 'cash' | 'bank_guarantee'; confirmed: boolean } | null>(null);
  const q = card.quota;
  const openWay = card.attempt?.status === 'open' ? card.attempt.way : null;

  /** Asks before closing the way being tried; `then(true)` once confirmed (or at once when nothing is open). */
  const ask = (then: (confirmed: boolean) => void) => {
    if (!openWay) return then(false);
    modal.confirm({ title: '切换缴纳方式', content: switchConfirmText(openWay as PaymentWay), okText: '确定切换', cancelText: '取消', onOk: () => then(true) });
  };
  const start = (way: 'cash' | 'bank_guarantee') => ask((confirmed) => setOpen({ way, confirmed }));

  const actions = (
    <Space wrap>
      {card.allowedActions.includes('cash_deposit.submit') && (
        <Button type={openWay === 'cash' ? 'default' : 'primary'} onClick={() => start('cash')}>
          现金存缴
        </Button>
      )}
      {card.allowedActions.includes('guarantee_application.submit') && (
        <Button type={openWay === 'bank_guarantee' ? 'default' : 'primary'} onClick={() => start('bank_guarantee')}>
          银行保函办理
        </Button>
      )}
      {/* 保险办理 (issue 12): its own page; a switch of ways is confirmed here and carried along */}
      {card.allowedActions.includes('insurance_order.submit') && (
        <Button type={openWay === 'insurance' ? 'default' : 'primary'} onClick={() => ask((confirmed) => navigate(`/projects/${card.projectId}/insurance${confirmed ? '?switch=1' : ''}`))}>
          保险办理
        </Button>
      )}
      {card.allowedActions.includes('offline_guarantee.submit') && extraActions?.(ask)}
    </Space>
  );

  const way = card.currentWay;
  const section = card.amountLabel === '保函金额' ? '保函' : '现金';

  return (
    <Card title="定额保证金" data-testid="deposit-card" extra={
        <Space>
          {filing}
          <Tag color={card.depositStatus === 'paid' ? 'success' : 'processing'}>{depositStatusLabels[card.depositStatus]}</Tag>
        </Space>
      }
    >
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
        styles={{ label: { width: 140 } }}
        items={[
          { key: 'contract', label: '施工合同金额', children: yuan(q?.contractAmount) },
          { key: 'ratio', label: '申请比例', children: q?.ratioText ?? '-' },
          { key: 'required', label: '保证金应缴金额', children: yuan(q?.requiredAmount) },
          { key: 'type', label: '申请类型', children: q ? applyTypeLabels[q.applyType] : '-' },
          { key: 'way', label: '缴纳方式', children: card.payWayLabel },
          { key: 'amount', label: card.amountLabel, children: yuan(card.amount) },
          { key: 'handler', label: '经办人', children: q?.handlerName ?? '-' },
          { key: 'phone', label: '经办人电话', children: q?.handlerPhone ?? '-' },
          { key: 'batch', label: '申请批次号', children: q?.batchNo ?? '-' },
          { key: 'decided', label: '申请办理时间', children: formatDateTime(q?.decidedAt) },
          { key: 'created', label: '创建时间', children: formatDateTime(q?.submittedAt) },
          { key: 'filing', label: '备案状态', children: filingStateLabels[card.filingState] },
        ]}
      />
      <Divider orientation="left" orientationMargin={0} style={{ margin: '20px 0 12px' }}>
        {section}
      </Divider>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space size={32} wrap>
          <span>金额：{yuan(card.amount)}</span>
          <span>办理方式：{way ? paymentWayLabels[way] : '-'}</span>
          {card.progress && (
            <span>
              办理状态：<Typography.Text strong>{card.progress.statusLabel}</Typography.Text>
            </span>
          )}
          {way === 'cash' && card.cash && (
            <span>
              已到账：{yuan(card.cash.paidAmount)}　{card.cash.overAmount !== '0.00' ? '' : '差额：'}
              <Balance c={card.cash} />
            </span>
          )}
        </Space>
        {card.progress?.note && (
          <Typography.Text type="warning" data-testid="payment-note">
            {card.progress.note}
          </Typography.Text>
        )}
        {way === 'cash' && card.cash && <CashDepositInfo c={card.cash} />}
        {way === 'bank_guarantee' && card.guarantee && <GuaranteeInfo g={card.guarantee} waitingBanner={false} />}
        {!way && card.guarantee?.status === 'refused' && <GuaranteeInfo g={card.guarantee} />}
        {!way && !card.guarantee && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无信息" />}
        {card.history.length > 1 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            办理记录：
            {card.history
              .map((h) => `${paymentWayLabels[h.way]}（${h.closedReason ? attemptCloseReasonLabels[h.closedReason] : paymentAttemptStatusLabels[h.status]}，${formatDateTime(h.openedAt)}）`)
              .join('；')}
          </Typography.Text>
        )}
        {card.allowedActions.length > 0 && actions}
      </Space>
      {open?.way === 'cash' && <CashDepositModal card={card} open confirmed={open.confirmed} onClose={() => setOpen(null)} />}
      {open?.way === 'bank_guarantee' && (
        <GuaranteeApplyModal card={card} beneficiary={beneficiary} plannedEnd={plannedEnd} open confirmed={open.confirmed} onClose={() => setOpen(null)} />
      )}
    </Card>
  );
}

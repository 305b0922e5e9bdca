import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, FloatButton, Input, List, Space, Tag, Typography } from 'antd';
import CloseOutlined from '@ant-design/icons/CloseOutlined';
import MessageOutlined from '@ant-design/icons/MessageOutlined';
import { formatDateTime, smsPurposeLabels, type SmsPurpose } from '@benxi/shared';
import { fillSmsCode } from '../../../lib/sms-fill';
import { useOutbox } from '../api/outbox';

const purposeColor: Record<string, string> = { register: 'green', login: 'blue', reset: 'orange', 'cert-approved': 'cyan', 'cert-rejected': 'red' };
/** Notifications sent after a decision (no code: the text itself is the message) */
const notificationLabels: Record<string, string> = { 'cert-approved': '认证通过通知', 'cert-rejected': '认证未通过通知' };

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    return ok;
  }
}

const NARROW = '(max-width: 767px)';

/** A phone-sized screen: no corner is free there, whatever floats covers a field. */
function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const m = window.matchMedia(NARROW);
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return narrow;
}

export default function DevSmsPanel() {
  const [open, setOpen] = useState(false);
  const narrow = useNarrow();
  if (narrow) {
    // in the page's flow, after its content, and so is the list once opened: they cover no field
    return (
      <div style={{ padding: '12px 12px 20px' }}>
        <div style={{ textAlign: 'center', marginBottom: open ? 12 : 0 }}>
          <Button data-testid="dev-sms-button" icon={<MessageOutlined />} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            开发短信
          </Button>
        </div>
        {open && <DevSmsList inline onClose={() => setOpen(false)} />}
      </div>
    );
  }
  return (
    <>
      <FloatButton
        data-testid="dev-sms-button"
        icon={<MessageOutlined />}
        type="primary"
        shape="square"
        description="开发短信"
        aria-label="开发短信"
        aria-expanded={open}
        // Bottom-left: the bottom-right corner holds table paginations and form buttons.
        style={{ insetInlineStart: 24, insetInlineEnd: 'auto', insetBlockEnd: 24, width: 64, height: 64 }}
        onClick={() => setOpen((o) => !o)}
      />
      {open && <DevSmsList onClose={() => setOpen(false)} />}
    </>
  );
}

/** A floating panel (not a drawer) so that it leaves the forms of the page usable. */
function DevSmsList({ onClose, inline = false }: { onClose: () => void; inline?: boolean }) {
  const { message } = App.useApp();
  const [phone, setPhone] = useState('');
  const filter = /^\d{11}$/.test(phone) ? phone : undefined;
  const outbox = useOutbox(filter, true);
  const items = (outbox.data?.items ?? []).slice(0, 30);

  return (
    <Card
      role="dialog"
      aria-label="开发短信"
      title="开发短信"
      size="small"
      extra={
        <Space size={8}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            每 3 秒自动刷新
          </Typography.Text>
          <Button type="text" size="small" icon={<CloseOutlined />} aria-label="关闭" onClick={onClose} />
        </Space>
      }
      style={
        inline
          ? { boxShadow: '0 2px 8px rgba(0,0,0,0.12)' }
          : { position: 'fixed', left: 24, bottom: 100, width: 340, zIndex: 1100, boxShadow: '0 6px 24px rgba(0,0,0,0.2)' }
      }
      styles={{ body: { maxHeight: 'min(60vh, 520px)', overflowY: 'auto', paddingTop: 8 } }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        开发与测试环境不发送真实短信，验证码显示在这里（最新的在最上面）。
      </Typography.Paragraph>
      <Input.Search
        allowClear
        placeholder="按手机号筛选（输入11位手机号）"
        value={phone}
        onChange={(e) => setPhone(e.target.value.replace(/\D/g, '').slice(0, 11))}
        style={{ marginBottom: 4 }}
      />
      {items.length === 0 ? (
        <Empty description="暂无短信" />
      ) : (
        <List
          dataSource={items}
          rowKey={(it) => `${it.phone}-${it.sentAt}-${it.purpose}-${it.code}`}
          renderItem={(it) => (
            <List.Item
              actions={!it.code ? [] : [
                <Button
                  key="fill"
                  size="small"
                  type="link"
                  onClick={() => {
                    if (fillSmsCode(it.code, it.phone)) message.success('验证码已填入');
                    else message.info('当前页面没有短信验证码输入框');
                  }}
                >
                  填入
                </Button>,
                <Button
                  key="copy"
                  size="small"
                  type="link"
                  onClick={async () => {
                    if (await copyText(it.code)) message.success('验证码已复制');
                    else message.error('复制失败，请手动选择');
                  }}
                >
                  复制
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={8}>
                    <span>{it.phone}</span>
                    <Tag color={purposeColor[it.purpose] ?? 'default'}>
                      {smsPurposeLabels[it.purpose as SmsPurpose] ?? notificationLabels[it.purpose] ?? it.purpose}
                    </Tag>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={2}>
                    {it.code ? (
                      <span
                        data-testid="sms-code"
                        data-phone={it.phone}
                        data-purpose={it.purpose}
                        style={{ fontFamily: 'monospace', fontSize: 20, fontWeight: 600, color: '#1557b0', letterSpacing: 2 }}
                      >
                        {it.code}
                      </span>
                    ) : (
                      <span data-testid="sms-notification">{it.content}</span>
                    )}
                    <span style={{ fontSize: 12 }}>{formatDateTime(it.sentAt)}</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

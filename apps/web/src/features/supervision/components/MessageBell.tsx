import { Badge } from 'antd';
import BellOutlined from '@ant-design/icons/BellOutlined';
import { Link } from 'react-router';
import { useUnreadCount } from '../api/supervision';

/** The header's 消息中心 entry with the unread count. */
export function MessageBell() {
  const unread = useUnreadCount();
  const n = unread.data?.unread ?? 0;
  return (
    <Link to="/messages" title={n ? `消息中心：${n} 条未读` : '消息中心'} aria-label={`消息中心，${n} 条未读`} data-testid="message-bell" style={{ display: 'flex', alignItems: 'center', padding: '0 6px' }}>
      <Badge count={n} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18, color: 'rgba(255,255,255,0.9)' }} />
      </Badge>
    </Link>
  );
}

import { useEffect } from 'react';
import { Alert, App, Space } from 'antd';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { AuthShell } from '../../../features/auth/components/AuthShell';
import { LoginForm } from '../../../features/auth/components/LoginForm';
import { acknowledgeSignOut, signOutNotice } from '../../../lib/sign-out';
import { safeRedirect } from '../../guards';

export default function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const state = useLocation().state as { phone?: string; notice?: string } | null;
  const notice = state?.notice ?? signOutNotice();
  useEffect(acknowledgeSignOut, []);

  return (
    <AuthShell title="用户登录">
      {notice && <Alert type="success" showIcon message={notice} style={{ marginBottom: 16 }} />}
      {params.get('redirect') && !notice && (
        <Alert type="info" showIcon message="登录已失效或尚未登录，请先登录" style={{ marginBottom: 16 }} />
      )}
      <LoginForm
        initialPhone={state?.phone}
        resetLink={<Link to="/reset-password">忘记密码</Link>}
        onLoggedIn={() => {
          message.success('登录成功');
          navigate(safeRedirect(params.get('redirect')), { replace: true });
        }}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8 }}>
        <Space size={4}>
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>还没有账户？</span>
          <Link to="/register">注册</Link>
        </Space>
        <Link to="/reset-password">忘记密码</Link>
      </div>
    </AuthShell>
  );
}

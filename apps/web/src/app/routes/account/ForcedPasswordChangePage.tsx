import { Alert, Button } from 'antd';
import { useNavigate } from 'react-router';
import { AuthShell } from '../../../features/auth/components/AuthShell';
import { ChangePasswordForm } from '../../../features/auth/components/ChangePasswordForm';
import { useLogout } from '../../../features/auth/api/auth';
import type { Me } from '../../../features/auth/api/me';

/** Shown instead of any page while the account must change its password (me.mustChangePassword). */
export default function ForcedPasswordChangePage({ me }: { me: Me }) {
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <AuthShell title="修改密码">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message="为了账户安全，请先修改密码"
        description="您的账户使用的是初始密码或密码已被要求更换，修改后请使用新密码重新登录。"
      />
      <ChangePasswordForm phone={me.phone} onChanged={() => navigate('/login', { replace: true })} />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <Button type="link" onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}>
          退出登录
        </Button>
      </div>
    </AuthShell>
  );
}

import { Link, useNavigate } from 'react-router';
import { AuthShell } from '../../../features/auth/components/AuthShell';
import { ResetPasswordForm } from '../../../features/auth/components/ResetPasswordForm';

export default function ResetPasswordPage() {
  const navigate = useNavigate();
  return (
    <AuthShell title="忘记密码">
      <ResetPasswordForm
        onReset={(phone) => navigate('/login', { state: { phone, notice: '密码已重置，请使用新密码登录' } })}
      />
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Link to="/login">返回登录</Link>
      </div>
    </AuthShell>
  );
}

import { Space } from 'antd';
import { Link, useNavigate } from 'react-router';
import { AuthShell } from '../../../features/auth/components/AuthShell';
import { RegisterForm } from '../../../features/auth/components/RegisterForm';

export default function RegisterPage() {
  const navigate = useNavigate();
  return (
    <AuthShell title="企业用户注册">
      <p style={{ marginTop: -4, color: 'rgba(0,0,0,0.45)' }}>施工总承包单位使用手机号注册，注册后登录并完成企业认证。</p>
      <RegisterForm onRegistered={(phone) => navigate('/login', { state: { phone, notice: '注册成功，请登录' } })} />
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Space size={4}>
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>已有账户？</span>
          <Link to="/login">返回登录</Link>
        </Space>
      </div>
    </AuthShell>
  );
}

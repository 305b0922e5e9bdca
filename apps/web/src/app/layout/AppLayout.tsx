import { useState } from 'react';
import { ProLayout } from '@ant-design/pro-components';
import { App, Dropdown, Modal, Space, Typography } from 'antd';
import UserOutlined from '@ant-design/icons/UserOutlined';
import LockOutlined from '@ant-design/icons/LockOutlined';
import LogoutOutlined from '@ant-design/icons/LogoutOutlined';
import BankOutlined from '@ant-design/icons/BankOutlined';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { roleLabels } from '@benxi/shared';
import { Logo } from '../../components/Logo';
import { PLATFORM_SHORT_NAME } from '../../components/constants';
import { useMe } from '../../features/auth/api/me';
import { useLogout } from '../../features/auth/api/auth';
import { ChangePasswordForm } from '../../features/auth/components/ChangePasswordForm';
import { menuFor } from './menu';

/** The shell after login: side menu by role, header with the user and the account menu. */
export default function AppLayout() {
  const me = useMe().data!;
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const logout = useLogout();
  const [changingPassword, setChangingPassword] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const orgName = me.org.name ?? roleLabels[me.role];

  return (
    <>
      <ProLayout
        title={PLATFORM_SHORT_NAME}
        logo={<Logo size={30} />}
        layout="mix"
        fixSiderbar
        fixedHeader
        siderWidth={208}
        // Collapse only when the user asks (the automatic breakpoint flickers on window resizes).
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint={false}
        location={{ pathname }}
        route={{ path: '/', routes: menuFor(me) }}
        menu={{ locale: false }}
        onMenuHeaderClick={() => navigate('/')}
        menuItemRender={(item, dom) => (item.path && !item.path.includes(':') ? <Link to={item.path}>{dom}</Link> : dom)}
        breadcrumbRender={false}
        token={{
          header: {
            colorBgHeader: '#0b3d91',
            colorHeaderTitle: '#ffffff',
            colorTextRightActionsItem: 'rgba(255,255,255,0.9)',
            colorBgRightActionsItemHover: 'rgba(255,255,255,0.12)',
            heightLayoutHeader: 56,
          },
          sider: {
            colorMenuBackground: '#ffffff',
            colorTextMenuSelected: '#1557b0',
            colorBgMenuItemSelected: '#e8f0fb',
          },
          pageContainer: { paddingBlockPageContainerContent: 16, paddingInlinePageContainerContent: 24 },
        }}
        actionsRender={() => [
          <Space key="org" size={6} style={{ color: 'rgba(255,255,255,0.9)', padding: '0 4px' }}>
            <BankOutlined />
            <span>{orgName}</span>
          </Space>,
        ]}
        avatarProps={{
          icon: <UserOutlined />,
          size: 'small',
          style: { background: '#2f7bd8' },
          title: <span style={{ color: '#fff' }}>{me.phone}</span>,
          render: (_props, dom) => (
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'who',
                    disabled: true,
                    label: (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {roleLabels[me.role]} · {orgName}
                      </Typography.Text>
                    ),
                  },
                  { type: 'divider' },
                  { key: 'password', icon: <LockOutlined />, label: '修改密码' },
                  { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
                ],
                onClick: ({ key }) => {
                  if (key === 'password') setChangingPassword(true);
                  if (key === 'logout') {
                    logout.mutate(undefined, {
                      onSettled: () => {
                        message.success('已退出登录');
                        navigate('/login', { replace: true });
                      },
                    });
                  }
                },
              }}
            >
              {dom}
            </Dropdown>
          ),
        }}
        footerRender={() => (
          <div style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12, padding: '16px 0' }}>
            本溪建设工程农民工工资支付保证金管理服务平台
          </div>
        )}
      >
        <Outlet />
      </ProLayout>
      <Modal
        title="修改密码"
        open={changingPassword}
        footer={null}
        onCancel={() => setChangingPassword(false)}
        destroyOnHidden
        width={480}
      >
        <ChangePasswordForm
          phone={me.phone}
          onCancel={() => setChangingPassword(false)}
          onChanged={() => {
            setChangingPassword(false);
            message.success('密码已修改，请重新登录');
            navigate('/login', { replace: true });
          }}
        />
      </Modal>
    </>
  );
}

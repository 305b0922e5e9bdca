import { Button, Result } from 'antd';
import { Link } from 'react-router';

export default function ForbiddenPage() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账户没有访问此页面的权限。"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

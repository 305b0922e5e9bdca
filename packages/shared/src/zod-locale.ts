import { z } from 'zod';

// Messages zod writes itself (a body that is not an object, a wrong type) are Chinese too.
z.config(z.locales.zhCN());

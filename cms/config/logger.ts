// Strapi logs through winston; requests are logged at "http", below the default "info".
// CMS_LOG_LEVEL=http|debug shows them. Nothing we log contains secrets.
export default {
  level: process.env.CMS_LOG_LEVEL || 'info',
};

// Runs before every test file: tests never reach a real platform API by accident.
process.env.WECOM_API_BASE ??= 'http://127.0.0.1:9';
process.env.DINGTALK_API_BASE ??= 'http://127.0.0.1:9';
process.env.DINGTALK_OAPI_BASE ??= 'http://127.0.0.1:9';
process.env.LOG_LEVEL ??= 'silent';

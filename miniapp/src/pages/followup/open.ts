import Taro from '@tarojs/taro';

/** One tap from Today or a customer: the form opens with the customer chosen and the text box focused. */
export function openFollowUp(customerId: number, customerName: string, taskId?: number): void {
  const q = `customerId=${customerId}&name=${encodeURIComponent(customerName)}${taskId ? `&taskId=${taskId}` : ''}`;
  void Taro.navigateTo({ url: `/pages/followup/index?${q}` });
}

/** The same form for one of my leads (the lead reminder cards open this link too). */
export function openLeadFollowUp(leadId: number, company: string): void {
  void Taro.navigateTo({ url: `/pages/followup/index?leadId=${leadId}&name=${encodeURIComponent(company)}` });
}

output "dashboard_name" {
  description = "site-builder-generation-api-{env}."
  value       = aws_cloudwatch_dashboard.generation_api.dashboard_name
}

output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "One alarm per entry of alarms.json."
  value       = concat([for alarm in aws_cloudwatch_metric_alarm.metric : alarm.alarm_name], [for alarm in aws_cloudwatch_metric_alarm.expression : alarm.alarm_name])
}

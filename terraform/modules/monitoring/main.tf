# The alarms and the site-builder-generation-api-{env} dashboard. Both come from alarms.json, the one file of
# alarm definitions that the portal's own alarm evaluator reads too, so the two can never disagree.

data "aws_region" "current" {}

locals {
  definitions = jsondecode(file("${path.module}/alarms.json"))
  namespace   = replace(local.definitions.namespace, "{env}", var.environment)
  dimensions  = { Environment = var.environment }
  # Alarms the portal evaluates itself (a threshold relative to the previous release) have no CloudWatch form.
  alarms      = { for alarm in local.definitions.alarms : alarm.id => alarm if try(alarm.evaluated_by, "cloudwatch") != "portal" }

  # Entries with an expression are metric math over the metrics they name; the others watch one metric.
  single_metric_alarms = { for id, alarm in local.alarms : id => alarm if try(alarm.expression, "") == "" }
  expression_alarms    = { for id, alarm in local.alarms : id => alarm if try(alarm.expression, "") != "" }

  # Metric names (HttpRequests) in an expression; functions (SUM, FILL) are all capitals and do not match.
  expression_metrics = { for id, alarm in local.expression_alarms : id => distinct(regexall("\\b[A-Z][a-z][A-Za-z0-9]*\\b", alarm.expression)) }

  # CloudWatch query ids must start with a lower-case letter: Http5xx becomes mHttp5xx in the expression.
  cloudwatch_expressions = { for id, alarm in local.expression_alarms : id => replace(alarm.expression, "/\\b([A-Z][a-z][A-Za-z0-9]*)\\b/", "m$1") }

  # The dashboard graph of each alarm: its metric, or its expression over hidden metrics (JSON text, since the two shapes differ).
  graph_metrics = { for id, alarm in local.alarms : id => try(alarm.expression, "") == "" ? jsonencode([
    [local.namespace, alarm.metric, "Environment", var.environment],
    ]) : jsonencode(concat(
    [[{ expression = local.cloudwatch_expressions[id], label = alarm.metric, id = "e1" }]],
    [for name in local.expression_metrics[id] : [local.namespace, name, "Environment", var.environment, { id = "m${name}", visible = false }]],
  )) }

  # alarms.json writes percentiles as p95; CloudWatch takes them as extended statistics.
  is_percentile = { for id, alarm in local.alarms : id => can(regex("^p[0-9]", alarm.statistic)) }

  dashboard_name = "site-builder-generation-api-${var.environment}"
  region         = data.aws_region.current.name
}

resource "aws_sns_topic" "alarms" {
  name = "site-builder-alarms-${var.environment}"
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email == "" ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

resource "aws_cloudwatch_metric_alarm" "metric" {
  for_each = local.single_metric_alarms

  alarm_name          = "site-builder-${var.environment}-${each.key}"
  alarm_description   = "${each.value.description} Runbook: ${each.value.runbook}"
  namespace           = local.namespace
  metric_name         = each.value.metric
  dimensions          = local.dimensions
  statistic           = local.is_percentile[each.key] ? null : each.value.statistic
  extended_statistic  = local.is_percentile[each.key] ? each.value.statistic : null
  period              = each.value.period_seconds
  evaluation_periods  = each.value.evaluation_periods
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  treat_missing_data  = each.value.treat_missing_data
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  # The runbook anchor is in the description: '#' is not allowed in tag values.
  tags = { RollbackTrigger = tostring(each.value.rollback_trigger) }
}

resource "aws_cloudwatch_metric_alarm" "expression" {
  for_each = local.expression_alarms

  alarm_name          = "site-builder-${var.environment}-${each.key}"
  alarm_description   = "${each.value.description} Runbook: ${each.value.runbook}"
  evaluation_periods  = each.value.evaluation_periods
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  treat_missing_data  = each.value.treat_missing_data
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  metric_query {
    id          = "e1"
    expression  = local.cloudwatch_expressions[each.key]
    label       = each.value.metric
    return_data = true
  }

  dynamic "metric_query" {
    for_each = local.expression_metrics[each.key]

    content {
      id          = "m${metric_query.value}"
      return_data = false

      metric {
        namespace   = local.namespace
        metric_name = metric_query.value
        dimensions  = local.dimensions
        stat        = each.value.statistic
        period      = each.value.period_seconds
      }
    }
  }

  # The runbook anchor is in the description: '#' is not allowed in tag values.
  tags = { RollbackTrigger = tostring(each.value.rollback_trigger) }
}

resource "aws_cloudwatch_dashboard" "generation_api" {
  dashboard_name = local.dashboard_name

  dashboard_body = jsonencode({
    widgets = concat(
      [{
        type   = "alarm"
        x      = 0
        y      = 0
        width  = 24
        height = 3
        properties = {
          title  = "Alarms"
          alarms = concat([for alarm in aws_cloudwatch_metric_alarm.metric : alarm.arn], [for alarm in aws_cloudwatch_metric_alarm.expression : alarm.arn])
        }
      }],
      # One graph per alarm definition, with its threshold drawn in.
      [for index, alarm in local.definitions.alarms : {
        type   = "metric"
        x      = (index % 3) * 8
        y      = 3 + floor(index / 3) * 6
        width  = 8
        height = 6
        properties = {
          title  = alarm.title
          region = local.region
          view   = "timeSeries"
          period = alarm.period_seconds
          stat   = alarm.statistic
          metrics = jsondecode(local.graph_metrics[alarm.id])
          annotations = { horizontal = [{ label = alarm.title, value = alarm.threshold }] }
        }
      }],
      [
        {
          type   = "metric"
          x      = 0
          y      = 3 + ceil(length(local.definitions.alarms) / 3) * 6
          width  = 12
          height = 6
          properties = {
            title   = "Agent invocations by agent"
            region  = local.region
            view    = "timeSeries"
            metrics = [[{ expression = "SEARCH('{${local.namespace},Agent,Environment} MetricName=\"AgentInvocations\"', 'Sum', 300)", id = "agents" }]]
          }
        },
        {
          type   = "metric"
          x      = 12
          y      = 3 + ceil(length(local.definitions.alarms) / 3) * 6
          width  = 12
          height = 6
          properties = {
            title  = "Service: CPU, memory, target 5XX, response time"
            region = local.region
            view   = "timeSeries"
            metrics = [
              ["AWS/ECS", "CPUUtilization", "ClusterName", var.cluster_name, "ServiceName", var.service_name],
              ["AWS/ECS", "MemoryUtilization", "ClusterName", var.cluster_name, "ServiceName", var.service_name],
              ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", var.load_balancer_arn_suffix, "TargetGroup", var.target_group_arn_suffix, { stat = "Sum", yAxis = "right" }],
              ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", var.load_balancer_arn_suffix, { stat = "p95", yAxis = "right" }],
            ]
          }
        },
      ],
    )
  })
}

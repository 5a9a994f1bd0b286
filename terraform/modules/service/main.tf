# The portal on ECS Fargate behind an HTTPS load balancer: the ECR repository its image comes from, the task
# and its least-privilege role, the load balancer (sticky sessions for Blazor circuits, a 120 s idle timeout for
# SSE streams), autoscaling on CPU and on requests, and the log group (container logs and EMF metrics).

data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

# The ALB forwards the client's scheme; the portal believes X-Forwarded-* only from the VPC it runs in, and builds
# URLs and redirects from SiteBuilder__PublicBaseUrl, never from the client's Host header.
data "aws_vpc" "this" {
  id = var.vpc_id
}

locals {
  name           = "site-builder-${var.environment}"
  container_name = "portal"
  container_port = 8080
  data_directory = "/data"

  # The portal's AWS-mode configuration (README "Configuration"), nothing else: every name is a SiteBuilder key.
  container_environment = {
    "SiteBuilder__Environment"                           = var.environment
    "SiteBuilder__DataDirectory"                         = local.data_directory
    "SiteBuilder__RequireHttps"                          = "true"
    "SiteBuilder__Storage__Provider"                     = "DynamoDb"
    "SiteBuilder__Storage__Blobs"                        = "S3"
    "SiteBuilder__Storage__CreateTables"                 = "false"
    "SiteBuilder__Storage__DynamoDb__Region"             = data.aws_region.current.name
    "SiteBuilder__Storage__DynamoDb__GenerationTable"    = var.generation_table_name
    "SiteBuilder__Storage__DynamoDb__OperationsTable"    = var.operations_table_name
    "SiteBuilder__Storage__S3__Region"                   = data.aws_region.current.name
    "SiteBuilder__Storage__S3__AssetsBucket"             = var.assets_bucket_name
    "SiteBuilder__Storage__S3__SitesBucket"              = var.sites_bucket_name
    "SiteBuilder__Generation__Provider"                  = var.generation_provider
    "SiteBuilder__Generation__Bedrock__ModelId"          = var.bedrock_model_id
    "SiteBuilder__Generation__Bedrock__Region"           = var.bedrock_region
    "SiteBuilder__Images__Provider"                      = var.images_provider
    "SiteBuilder__Images__Bedrock__ModelId"              = var.image_model_id
    "SiteBuilder__Images__Bedrock__Region"               = var.image_model_region
    "SiteBuilder__Authentication__Cognito__Region"       = data.aws_region.current.name
    "SiteBuilder__Authentication__Cognito__UserPoolId"   = var.cognito_user_pool_id
    "SiteBuilder__Authentication__Cognito__ClientIds__0" = var.cognito_client_id
    "SiteBuilder__ForwardedHeaders__KnownNetworks__0"    = data.aws_vpc.this.cidr_block
    "SiteBuilder__PublicBaseUrl"                         = "https://${var.domain_name}"
    "SiteBuilder__Observability__EmbeddedMetricFormat"   = "true"
  }

  container = {
    name      = local.container_name
    image     = "${aws_ecr_repository.portal.repository_url}:${var.image_tag}"
    essential = true

    portMappings = [{ name = "http", containerPort = local.container_port, protocol = "tcp" }]
    environment  = [for key, value in local.container_environment : { name = key, value = value }]

    # The image's root filesystem stays read-only; the data directory and /tmp are task volumes.
    readonlyRootFilesystem = true
    mountPoints = [
      { sourceVolume = "data", containerPath = local.data_directory, readOnly = false },
      { sourceVolume = "tmp", containerPath = "/tmp", readOnly = false },
    ]

    # SIGTERM starts a drain of open SSE streams (up to 50 s by default); 120 s is ECS's maximum.
    stopTimeout = 120

    healthCheck = {
      command     = ["CMD-SHELL", "curl -fsS http://127.0.0.1:${local.container_port}/health || exit 1"]
      interval    = 15
      timeout     = 5
      retries     = 3
      startPeriod = 60
    }

    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.portal.name
        "awslogs-region"        = data.aws_region.current.name
        "awslogs-stream-prefix" = local.container_name
      }
    }
  }

  # Cross-region inference: an inference-profile id (global., eu., us. ...) routes to the model in several regions,
  # so the role needs the profile and the foundation model wherever the profile may send the call.
  profile_prefix    = "/^(global|us-gov|us|eu|apac|jp|au|ca)\\./"
  claude_base       = replace(var.bedrock_model_id, local.profile_prefix, "")
  claude_is_profile = local.claude_base != var.bedrock_model_id
  bedrock_resources = concat(
    local.claude_is_profile ? [
      "arn:aws:bedrock:${var.bedrock_region}:${data.aws_caller_identity.current.account_id}:inference-profile/${var.bedrock_model_id}",
      "arn:aws:bedrock:*::foundation-model/${local.claude_base}",
      "arn:aws:bedrock:::foundation-model/${local.claude_base}",
    ] : ["arn:aws:bedrock:${var.bedrock_region}::foundation-model/${var.bedrock_model_id}"],
    ["arn:aws:bedrock:${var.image_model_region}::foundation-model/${var.image_model_id}"],
  )
}

# ---------------------------------------------------------------------------------------------------------------
# Image and logs

resource "aws_ecr_repository" "portal" {
  name                 = local.name
  image_tag_mutability = "IMMUTABLE"
  force_delete         = !var.deletion_protection

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "AES256"
  }
}

resource "aws_ecr_lifecycle_policy" "portal" {
  repository = aws_ecr_repository.portal.name

  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Keep the newest 50 images (rollbacks reach back that far)"
      selection    = { tagStatus = "any", countType = "imageCountMoreThan", countNumber = 50 }
      action       = { type = "expire" }
    }]
  })
}

resource "aws_cloudwatch_log_group" "portal" {
  name              = "/ecs/${local.name}"
  retention_in_days = var.log_retention_days
}

# ---------------------------------------------------------------------------------------------------------------
# Roles

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${local.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# What ECS itself needs to start the task: pull the image, write the logs.
data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "PullImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [aws_ecr_repository.portal.arn]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.portal.arn}:*"]
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "start-task"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

resource "aws_iam_role" "task" {
  name               = "${local.name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# What the portal does: call the configured models, read and write its two tables and two buckets, read metrics.
data "aws_iam_policy_document" "task" {
  statement {
    sid       = "InvokeConfiguredModels"
    actions   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
    resources = local.bedrock_resources
  }

  statement {
    sid = "TablesAndIndexes"
    actions = [
      "dynamodb:BatchGetItem",
      "dynamodb:BatchWriteItem",
      "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem",
      "dynamodb:DescribeTable",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:UpdateItem",
    ]
    resources = concat(var.table_arns, [for arn in var.table_arns : "${arn}/index/*"])
  }

  # Point-in-time restore (the Restores page, TechLead + DevOpsLead sign-off): read a live table's restorable window
  # and restore it ...
  statement {
    sid       = "RestoreFromTables"
    actions   = ["dynamodb:DescribeContinuousBackups", "dynamodb:RestoreTableToPointInTime"]
    resources = var.table_arns
  }

  # ... always into a new table named after it ({table}-..., DynamoPointInTimeRestore.NewTablePrefix). DynamoDB needs
  # read and write on the target table for the restore itself; no live table matches "{table}-*".
  statement {
    sid = "RestoreIntoNewTables"
    actions = [
      "dynamodb:BatchWriteItem",
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "dynamodb:Scan",
      "dynamodb:UpdateItem",
    ]
    resources = [for arn in var.table_arns : "${arn}-*"]
  }

  statement {
    sid       = "ListBuckets"
    actions   = ["s3:ListBucket"]
    resources = var.bucket_arns
  }

  statement {
    sid       = "Objects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = [for arn in var.bucket_arns : "${arn}/*"]
  }

  # GetMetricData has no resource-level permissions: AWS requires "*".
  statement {
    sid       = "ReadMetrics"
    actions   = ["cloudwatch:GetMetricData"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "portal"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

# ---------------------------------------------------------------------------------------------------------------
# Network

resource "aws_security_group" "alb" {
  name        = "${local.name}-alb"
  description = "Internet to the load balancer (HTTPS, and HTTP for the redirect)"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id = aws_security_group.alb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_ingress_rule" "alb_http" {
  security_group_id = aws_security_group.alb.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
}

resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
  security_group_id            = aws_security_group.alb.id
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = local.container_port
  to_port                      = local.container_port
}

resource "aws_security_group" "tasks" {
  name        = "${local.name}-tasks"
  description = "The load balancer to the portal tasks; tasks out to AWS APIs"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "tasks_from_alb" {
  security_group_id            = aws_security_group.tasks.id
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = local.container_port
  to_port                      = local.container_port
}

resource "aws_vpc_security_group_egress_rule" "tasks_https" {
  security_group_id = aws_security_group.tasks.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

# ---------------------------------------------------------------------------------------------------------------
# Load balancer

resource "aws_acm_certificate" "portal" {
  count = var.certificate_arn == "" ? 1 : 0

  domain_name       = var.domain_name
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = var.hosted_zone_id != ""
      error_message = "Give hosted_zone_id (the module validates the certificate there) or an existing certificate_arn."
    }
  }
}

resource "aws_route53_record" "certificate_validation" {
  for_each = var.certificate_arn == "" ? {
    for option in aws_acm_certificate.portal[0].domain_validation_options : option.domain_name => option
  } : {}

  zone_id         = var.hosted_zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "portal" {
  count = var.certificate_arn == "" ? 1 : 0

  certificate_arn         = aws_acm_certificate.portal[0].arn
  validation_record_fqdns = [for record in aws_route53_record.certificate_validation : record.fqdn]
}

resource "aws_lb" "portal" {
  name               = local.name
  load_balancer_type = "application"
  internal           = false
  subnets            = var.public_subnet_ids
  security_groups    = [aws_security_group.alb.id]

  # A generation streams for up to a minute and a Blazor circuit idles between clicks.
  idle_timeout               = 120
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
}

resource "aws_lb_target_group" "portal" {
  name        = local.name
  port        = local.container_port
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = var.vpc_id

  # Draining lets open streams finish; matches the container's stopTimeout.
  deregistration_delay = 120

  # A Blazor Server circuit lives on one task: keep each browser on the task that holds it.
  stickiness {
    enabled         = true
    type            = "lb_cookie"
    cookie_duration = 86400
  }

  health_check {
    path                = "/health/ready"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn != "" ? var.certificate_arn : aws_acm_certificate_validation.portal[0].certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_route53_record" "portal" {
  count = var.hosted_zone_id != "" ? 1 : 0

  zone_id = var.hosted_zone_id
  name    = var.domain_name
  type    = "A"

  alias {
    name                   = aws_lb.portal.dns_name
    zone_id                = aws_lb.portal.zone_id
    evaluate_target_health = true
  }
}

# ---------------------------------------------------------------------------------------------------------------
# Service

resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_task_definition" "portal" {
  family                   = local.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([local.container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  # Task-scoped scratch space: the data directory (keys cache, initial admin password) and /tmp.
  volume {
    name = "data"
  }

  volume {
    name = "tmp"
  }
}

resource "aws_ecs_service" "portal" {
  name                              = local.name
  cluster                           = aws_ecs_cluster.this.id
  task_definition                   = aws_ecs_task_definition.portal.arn
  desired_count                     = var.desired_count
  launch_type                       = "FARGATE"
  health_check_grace_period_seconds = 60
  propagate_tags                    = "SERVICE"

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.portal.arn
    container_name   = local.container_name
    container_port   = local.container_port
  }

  # Autoscaling owns the task count once the service runs; the deploy workflows (app-deploy, promotion, rollback) own
  # which task definition revision runs, so an infrastructure apply never puts an older image back.
  lifecycle {
    ignore_changes = [desired_count, task_definition]
  }

  depends_on = [aws_lb_listener.https]
}

resource "aws_appautoscaling_target" "portal" {
  service_namespace  = "ecs"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.portal.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.min_count
  max_capacity       = var.max_count
}

resource "aws_appautoscaling_policy" "cpu" {
  name               = "${local.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.portal.service_namespace
  resource_id        = aws_appautoscaling_target.portal.resource_id
  scalable_dimension = aws_appautoscaling_target.portal.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.cpu_target_percent
    scale_out_cooldown = 60
    # Scaling in stops tasks with open streams and circuits: do it slowly.
    scale_in_cooldown = 300

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "requests" {
  name               = "${local.name}-requests"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.portal.service_namespace
  resource_id        = aws_appautoscaling_target.portal.resource_id
  scalable_dimension = aws_appautoscaling_target.portal.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.requests_per_target
    scale_out_cooldown = 60
    scale_in_cooldown  = 300

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${aws_lb.portal.arn_suffix}/${aws_lb_target_group.portal.arn_suffix}"
    }
  }
}

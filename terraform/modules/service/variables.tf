variable "environment" {
  description = "Environment name: dev, sit or prod."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the load balancer and the tasks."
  type        = string
}

variable "public_subnet_ids" {
  description = "Subnets of the internet-facing load balancer (two zones at least)."
  type        = list(string)
}

variable "private_subnet_ids" {
  description = "Subnets of the Fargate tasks."
  type        = list(string)
}

variable "image_tag" {
  description = "Tag of the portal image in this environment's ECR repository (tags are immutable: use the version or the commit)."
  type        = string
}

variable "domain_name" {
  description = "Host name of the portal, e.g. dev.sitebuilder.example.com. With hosted_zone_id the module issues its certificate and points the name at the load balancer."
  type        = string
}

variable "hosted_zone_id" {
  description = "Route 53 public hosted zone of domain_name. Empty: bring certificate_arn and create the DNS record yourself."
  type        = string
  default     = ""
}

variable "certificate_arn" {
  description = "An existing ACM certificate for domain_name in this region. Empty: the module requests one and validates it in hosted_zone_id."
  type        = string
  default     = ""
}

variable "cpu" {
  description = "Fargate task CPU units (1024 = 1 vCPU)."
  type        = number
}

variable "memory" {
  description = "Fargate task memory in MiB."
  type        = number
}

variable "desired_count" {
  description = "Tasks to start with."
  type        = number
}

variable "min_count" {
  description = "Fewest tasks autoscaling may leave running."
  type        = number
}

variable "max_count" {
  description = "Most tasks autoscaling may start."
  type        = number
}

variable "cpu_target_percent" {
  description = "Average CPU utilisation autoscaling keeps the service at."
  type        = number
  default     = 60
}

variable "requests_per_target" {
  description = "ALB requests per task per minute autoscaling keeps the service at."
  type        = number
  default     = 600
}

variable "log_retention_days" {
  description = "Days the container logs (and EMF metrics lines) are kept."
  type        = number
}

variable "deletion_protection" {
  description = "Protect the load balancer from deletion (prod)."
  type        = bool
  default     = false
}

variable "generation_table_name" {
  description = "The generation table (storage module)."
  type        = string
}

variable "operations_table_name" {
  description = "The operations table (storage module)."
  type        = string
}

variable "table_arns" {
  description = "ARNs of both tables; the task role gets item access to them and their indexes."
  type        = list(string)
}

variable "assets_bucket_name" {
  description = "The assets bucket (storage module)."
  type        = string
}

variable "sites_bucket_name" {
  description = "The sites bucket (storage module)."
  type        = string
}

variable "bucket_arns" {
  description = "ARNs of both buckets; the task role gets object access to them."
  type        = list(string)
}

variable "generation_provider" {
  description = "SiteBuilder:Generation:Provider: Bedrock, or Offline (no model calls)."
  type        = string
  default     = "Bedrock"

  validation {
    condition     = contains(["Bedrock", "Offline"], var.generation_provider)
    error_message = "generation_provider must be Bedrock or Offline."
  }
}

variable "bedrock_model_id" {
  description = "SiteBuilder:Generation:Bedrock:ModelId: Claude's inference-profile id (global., us., eu., jp. ...) or model id."
  type        = string
}

variable "bedrock_region" {
  description = "SiteBuilder:Generation:Bedrock:Region: where Claude is invoked (cross-region inference lets it differ from the app's region)."
  type        = string
}

variable "images_provider" {
  description = "SiteBuilder:Images:Provider: Bedrock, or Offline (SVG drawn in-process)."
  type        = string
  default     = "Bedrock"

  validation {
    condition     = contains(["Bedrock", "Offline"], var.images_provider)
    error_message = "images_provider must be Bedrock or Offline."
  }
}

variable "image_model_id" {
  description = "SiteBuilder:Images:Bedrock:ModelId."
  type        = string
  default     = "stability.stable-image-core-v1:1"
}

variable "image_model_region" {
  description = "SiteBuilder:Images:Bedrock:Region: Stability models are served in us-west-2."
  type        = string
  default     = "us-west-2"
}

variable "cognito_user_pool_id" {
  description = "SiteBuilder:Authentication:Cognito:UserPoolId (auth module)."
  type        = string
}

variable "cognito_client_id" {
  description = "SiteBuilder:Authentication:Cognito:ClientIds:0 (auth module)."
  type        = string
}

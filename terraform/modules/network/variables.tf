variable "environment" {
  description = "Environment name: dev, sit or prod."
  type        = string
}

variable "create_vpc" {
  description = "Create a VPC with public and private subnets. False: use the existing VPC and subnets given below."
  type        = bool
  default     = true
}

variable "vpc_cidr" {
  description = "CIDR block of the created VPC."
  type        = string
  default     = "10.40.0.0/16"
}

variable "az_count" {
  description = "Availability zones to spread the created subnets over (at least 2: the load balancer needs two)."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 4
    error_message = "az_count must be between 2 and 4."
  }
}

variable "nat_gateway_count" {
  description = "NAT gateways for the private subnets: 1 is cheapest, one per availability zone survives a zone outage."
  type        = number
  default     = 1

  validation {
    condition     = var.nat_gateway_count >= 1
    error_message = "nat_gateway_count must be at least 1: the tasks reach ECR, Bedrock and Cognito through NAT."
  }
}

variable "existing_vpc_id" {
  description = "With create_vpc = false: the VPC to use."
  type        = string
  default     = ""
}

variable "existing_public_subnet_ids" {
  description = "With create_vpc = false: public subnets (at least two zones) for the load balancer."
  type        = list(string)
  default     = []
}

variable "existing_private_subnet_ids" {
  description = "With create_vpc = false: private subnets with a route to the internet (NAT) for the tasks."
  type        = list(string)
  default     = []
}

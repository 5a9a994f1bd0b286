variable "environment" {
  description = "Environment name: dev, sit or prod. Part of every table and bucket name."
  type        = string
}

variable "bucket_name_suffix" {
  description = "Appended to both bucket names when site-builder-{kind}-{env} is taken in another account (bucket names are global), e.g. \"-123456789012\". The service passes the real names to the app."
  type        = string
  default     = ""
}

variable "deletion_protection" {
  description = "Protect the tables from deletion and keep the buckets when the stack is destroyed (prod)."
  type        = bool
  default     = false
}

variable "noncurrent_version_days" {
  description = "Days an overwritten or deleted object version is kept before it expires."
  type        = number
  default     = 30
}

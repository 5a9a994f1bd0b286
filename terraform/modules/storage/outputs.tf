output "generation_table_name" {
  description = "site-builder-generation-{env}."
  value       = aws_dynamodb_table.this["generation"].name
}

output "operations_table_name" {
  description = "site-builder-operations-{env}."
  value       = aws_dynamodb_table.this["operations"].name
}

output "table_arns" {
  description = "ARNs of both tables."
  value       = [for table in aws_dynamodb_table.this : table.arn]
}

output "assets_bucket_name" {
  description = "site-builder-assets-{env}{suffix}."
  value       = aws_s3_bucket.this["assets"].bucket
}

output "sites_bucket_name" {
  description = "site-builder-sites-{env}{suffix}."
  value       = aws_s3_bucket.this["sites"].bucket
}

output "bucket_arns" {
  description = "ARNs of both buckets."
  value       = [for bucket in aws_s3_bucket.this : bucket.arn]
}

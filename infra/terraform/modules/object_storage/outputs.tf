output "bucket" {
  description = "The bucket's name."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "The bucket's ARN (for the workers' IAM policy)."
  value       = aws_s3_bucket.this.arn
}

{{/* Names and labels of one tenant's objects. */}}

{{- define "tenant.fullname" -}}
{{- printf "tenant-%s" .Values.tenant.slug | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tenant.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
fieldops.io/tenant: {{ .Values.tenant.slug }}
{{- end }}

{{- define "tenant.labels" -}}
{{ include "tenant.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: fieldops360
fieldops.io/platform: {{ .Values.platform.release }}
{{- end }}

{{- define "tenant.image" -}}
{{- $image := .Values.platform.image }}
{{- if $image.digest }}
{{- printf "%s@%s" $image.repository $image.digest }}
{{- else }}
{{- printf "%s:%s" $image.repository (default .Chart.AppVersion $image.tag) }}
{{- end }}
{{- end }}

{{- define "tenant.tlsSecretName" -}}
{{ include "tenant.fullname" . }}-tls
{{- end }}

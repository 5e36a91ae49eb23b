{{/* Names, labels and the pieces every pod of the platform shares. */}}

{{- define "fieldops.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "fieldops.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "fieldops.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "fieldops.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "fieldops.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "fieldops.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Selector labels of one component. Arguments: root, component. */}}
{{- define "fieldops.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fieldops.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of one component. `fieldops.io/platform` and `fieldops.io/network-role` are what
the NetworkPolicies select on (the tenant chart's jobs carry them too). Arguments: root,
component, networkRole (pods only). */}}
{{- define "fieldops.labels" -}}
{{ include "fieldops.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: fieldops360
fieldops.io/platform: {{ .root.Release.Name }}
{{- with .networkRole }}
fieldops.io/network-role: {{ . }}
{{- end }}
{{- end }}

{{- define "fieldops.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* Pod-level settings of every platform pod: non-root, no service-account token, RuntimeDefault
seccomp, and a writable /tmp as the only writable path. */}}
{{- define "fieldops.podSpecCommon" -}}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  runAsNonRoot: true
  runAsUser: {{ .Values.podSecurity.runAsUser }}
  runAsGroup: {{ .Values.podSecurity.runAsGroup }}
  fsGroup: {{ .Values.podSecurity.runAsGroup }}
  seccompProfile:
    type: RuntimeDefault
volumes:
  - name: tmp
    emptyDir:
      sizeLimit: 256Mi
{{- end }}

{{/* podSpecCommon plus the broker's topology file, for the fieldopsctl topology jobs. */}}
{{- define "fieldops.podSpecWithTopology" -}}
{{ include "fieldops.podSpecCommon" . }}
  - name: topology
    configMap:
      name: {{ include "fieldops.fullname" . }}-topology
{{- end }}

{{/* Container-level settings of every platform container. */}}
{{- define "fieldops.containerCommon" -}}
image: {{ include "fieldops.image" . }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
workingDir: {{ .Values.image.workingDir }}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  runAsNonRoot: true
  runAsUser: {{ .Values.podSecurity.runAsUser }}
  capabilities:
    drop: ["ALL"]
  seccompProfile:
    type: RuntimeDefault
{{- end }}

{{- define "fieldops.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{- define "fieldops.topologyMount" -}}
- name: topology
  mountPath: /etc/fieldops/topology
  readOnly: true
{{- end }}

{{/* Environment: the shared ConfigMap when `shared` (long-running processes; the hook jobs run
before it exists), the given secret variables from the platform secret (each must be mapped in
secrets.keys), then component-specific plain variables.
Arguments: root, shared (bool), names (list of secret variables), env (map). */}}
{{- define "fieldops.environment" -}}
{{- if .shared }}
envFrom:
  - configMapRef:
      name: {{ include "fieldops.fullname" .root }}-config
{{- end }}
{{- if or .names .env }}
env:
  {{- range .names }}
  {{- $key := index $.root.Values.secrets.keys . | default "" }}
  {{- if not $key }}
  {{- fail (printf "secrets.keys has no entry for %s" .) }}
  {{- end }}
  - name: {{ . }}
    valueFrom:
      secretKeyRef:
        name: {{ $.root.Values.secrets.existingSecret }}
        key: {{ $key }}
  {{- end }}
  {{- range $name, $value := .env }}
  - name: {{ $name }}
    value: {{ $value | quote }}
  {{- end }}
{{- end }}
{{- end }}

{{/* Zone and node spreading for the pods matching the given selector labels. */}}
{{- define "fieldops.topologySpread" -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: {{ .root.Values.topologySpread.zone }}
    labelSelector:
      matchLabels:
        {{- include "fieldops.selectorLabels" . | nindent 8 }}
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: {{ .root.Values.topologySpread.node }}
    labelSelector:
      matchLabels:
        {{- include "fieldops.selectorLabels" . | nindent 8 }}
{{- end }}

{{/* Rolls the pods when the shared configuration changes. */}}
{{- define "fieldops.configChecksum" -}}
checksum/config: {{ toJson .Values.config | sha256sum }}
{{- end }}

{{/* A worker's settings: workerDefaults overlaid with its own entry. Returns YAML. */}}
{{- define "fieldops.workerSettings" -}}
{{- toYaml (mustMergeOverwrite (deepCopy .root.Values.workerDefaults) (deepCopy .worker)) }}
{{- end }}

{{/* Egress to DNS and to the named dependencies of networkPolicy.egress, plus the extra peers.
Arguments: root, dependencies (list of postgres|redis|rabbitmq). */}}
{{- define "fieldops.egressRules" -}}
{{- $policy := .root.Values.networkPolicy -}}
- to:
    - namespaceSelector:
        {{- toYaml $policy.dns.namespaceSelector | nindent 8 }}
      podSelector:
        {{- toYaml $policy.dns.podSelector | nindent 8 }}
  ports:
    - {protocol: UDP, port: 53}
    - {protocol: TCP, port: 53}
{{- range .dependencies }}
{{- $dependency := index $policy.egress . }}
- to:
    {{- toYaml $dependency.to | nindent 4 }}
  ports:
    {{- range $dependency.ports }}
    - {protocol: TCP, port: {{ . }}}
    {{- end }}
{{- end }}
{{- with $policy.egress.extra }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Pods a NetworkPolicy applies to: one network role of this release. */}}
{{- define "fieldops.networkRoleSelector" -}}
matchLabels:
  fieldops.io/platform: {{ .root.Release.Name }}
  fieldops.io/network-role: {{ .role }}
{{- end }}

// Copyright 2026 The libbot Authors.
#ifndef LIBBOT_EXPORT_H_
#define LIBBOT_EXPORT_H_

// libbot is built with hidden visibility; LIBBOT_EXPORT marks the public API.
#if defined(_WIN32)
#if defined(LIBBOT_BUILDING_LIBRARY)
#define LIBBOT_EXPORT __declspec(dllexport)
#else
#define LIBBOT_EXPORT __declspec(dllimport)
#endif
#else
#define LIBBOT_EXPORT __attribute__((visibility("default")))
#endif

#endif  // LIBBOT_EXPORT_H_
